/**
 * What an agent reads in the sidebar, checked the same way in both helpdesks' frames: the opening
 * period, the headline with its meanings, a "–" with its reason, names, a drill-down's values;
 * an axe-core check; and keyboard-only use of tabs, drill-down and notes. Expected texts are
 * written out by hand: they are what a person reads, not what the code happens to produce.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { showAllNumbers } from './harness.js';

type Period = 'today' | 'last7Days' | 'last30Days';
interface Score {
  value: number | null;
  sample: number;
  reason: string | null;
}
export interface ApiDashboard {
  headline: string[];
  periods: Record<Period, { kpis: Record<string, Score> }>;
}
export interface ApiDrillRow {
  id: string;
  subject: string | null;
  at: string | null;
  value: number | null;
}

export const LABELS: Record<string, string> = {
  solved: 'Solved tickets',
  csat: 'CSAT',
  csat_response_rate: 'CSAT response rate',
  repeat_contact_rate: 'Repeat contacts',
  first_reply_time_median: 'First reply time (median)',
  first_reply_time_business_median: 'First reply time, business hours',
  full_resolution_time_median: 'Resolution time (median)',
  full_resolution_time_business_median: 'Resolution time, business hours',
  one_touch_rate: 'One-touch resolution',
  reopen_rate: 'Reopened',
  replies_per_ticket: 'Replies per ticket',
  escalation_rate: 'Escalated',
  backlog: 'Open backlog',
  nps: 'NPS',
  ces: 'Customer effort (CES)',
};

const MEANINGS: Record<string, string> = {
  csat: 'Ratings that were good, out of all ratings.',
  repeat_contact_rate: 'Customers who came back within 7 days of a solve.',
  first_reply_time_median: 'How long a customer typically waits for your first reply.',
  full_resolution_time_median: 'How long your tickets typically take from request to solved.',
  one_touch_rate: 'Solved tickets that needed just one reply from you.',
  backlog: 'Tickets assigned to you that are open now.',
  csat_response_rate: 'Solved tickets whose customer answered the rating survey.',
  nps: 'How likely customers are to recommend us, from −100 to 100.',
  ces: 'How easy customers found it to get help.',
};

const REASONS: Record<string, string> = {
  no_survey_source: 'No survey tool is connected, so there are no answers to count.',
  waiting_period: 'Counted once a solved ticket is 7 days old: none is yet.',
  no_responses: 'No customer has answered yet.',
  empty_window: 'Nothing to count in this period yet.',
};

const TAB_NAMES: Record<Period, string> = { today: 'Today', last7Days: '7 days', last30Days: '30 days' };

/** The shortest period with any work in it (backlog, a snapshot, does not count). */
export function shortestWithData(dashboard: ApiDashboard): Period {
  const periods: Period[] = ['today', 'last7Days', 'last30Days'];
  return (
    periods.find((p) => Object.entries(dashboard.periods[p].kpis).some(([k, s]) => k !== 'backlog' && s.sample > 0)) ??
    'today'
  );
}

/** Minutes as the sidebar writes them: `45 min`, `2 h 5 min`. */
export function minutesText(minutes: number): string {
  const total = Math.round(minutes);
  return total < 60 ? `${total} min` : `${Math.floor(total / 60)} h ${total % 60} min`;
}

const rowOf = (frame: Frame, kpi: string) =>
  frame.getByRole('button', { name: `${LABELS[kpi]}: show the tickets` }).locator('xpath=ancestor::li[1]');

/** The tab that opens, the headline with meanings, and a missing number with its reason. */
export async function readsTheHeadline(frame: Frame, dashboard: ApiDashboard): Promise<Period> {
  await frame.locator('[data-kpi-value]').first().waitFor({ timeout: 30_000 });
  const opened = shortestWithData(dashboard);
  const tab = frame.getByRole('tab', { name: TAB_NAMES[opened] });
  await expect.poll(() => tab.getAttribute('aria-selected'), { timeout: 30_000 }).toBe('true');
  const headline = dashboard.headline.filter((k) => k !== 'first_reply_time_mean');
  const labels = await frame
    .getByRole('button', { name: /: show the tickets$/ })
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  expect(labels).toEqual(headline.map((k) => `${LABELS[k]}: show the tickets`));
  for (const kpi of headline) {
    const text = await rowOf(frame, kpi).innerText();
    if (MEANINGS[kpi] !== undefined) expect(text).toContain(MEANINGS[kpi]);
  }
  expect(await frame.getByRole('heading', { name: 'Customers' }).count()).toBe(1);
  expect(await frame.getByRole('heading', { name: 'Work' }).count()).toBe(1);

  // A number the API has no value for: a dash, and why, in words.
  await showAllNumbers(frame);
  const kpis = dashboard.periods[opened].kpis;
  const missing = Object.keys(LABELS).find((k) => kpis[k]?.value === null && kpis[k]?.reason !== null);
  expect(missing, 'the demo has a KPI without a value (NPS without a survey tool)').toBeDefined();
  const row = await rowOf(frame, missing!).innerText();
  expect(row).toContain('–');
  expect(row).toContain(REASONS[kpis[missing!]!.reason!]);
  // Never the mean of skewed durations, never a four-digit percentage.
  expect(await frame.getByText('First reply time (mean)').count()).toBe(0);
  expect(await frame.locator('[role="main"]').innerText()).not.toMatch(/[+−-]\d[\d,.]*\s?%/);
  await frame.getByRole('button', { name: 'Fewer numbers' }).click();
  return opened;
}

/** A drill-down's rows: subject and the value that counted, newest first, as the API has them. */
export async function readsADrillDown(frame: Frame, kpi: string, rows: ApiDrillRow[]): Promise<void> {
  await frame.getByRole('button', { name: `${LABELS[kpi]}: show the tickets` }).click();
  const table = frame.getByRole('table');
  await table.waitFor({ timeout: 15_000 });
  const newest = [...rows].sort((a, b) => Date.parse(b.at ?? '') - Date.parse(a.at ?? ''))[0]!;
  const first = await table.getByRole('row').nth(1).innerText();
  if (newest.subject !== null) expect(first).toContain(newest.subject);
  expect(first).toContain(`#${newest.id}`);
  if (newest.value !== null) expect(first).toContain(minutesText(newest.value));
}

/** axe-core in the frame: no serious or critical violation. */
export async function axeViolations(frame: Frame): Promise<{ id: string; impact: string; targets: string[] }[]> {
  const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await frame.evaluate(source);
  return (await frame.evaluate(`axe
    .run(document, { resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' :: ' + (n.any[0] ? n.any[0].message : '')) })))`)) as {
    id: string;
    impact: string;
    targets: string[];
  }[];
}

/** Presses Tab (or Shift+Tab) until the focused element in the frame matches, at most `max` times. */
async function tabTo(page: Page, frame: Frame, matches: RegExp, shift = false, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    const focused = (await frame.evaluate(
      `(() => { const e = document.activeElement; return e ? (e.getAttribute('aria-label') || e.textContent || '') : ''; })()`,
    )) as string;
    if (matches.test(focused.trim())) return;
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`keyboard focus never reached ${matches}`);
}

/** Tabs, a drill-down (sort, open a ticket, back) and acknowledging a note, with the keyboard only. */
export async function usesTheKeyboard(page: Page, frame: Frame, firstKpi: string, opened: () => Promise<number>) {
  const selected = frame.getByRole('tab', { selected: true });
  const from = (await selected.innerText()).trim();
  await selected.focus();
  await page.keyboard.press(from === '30 days' ? 'ArrowLeft' : 'ArrowRight');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await frame.getByRole('tab', { selected: true }).innerText()).trim()).not.toBe(from);

  await tabTo(page, frame, new RegExp(`^${escape(LABELS[firstKpi]!)}: show the tickets$`));
  await page.keyboard.press('Enter');
  await frame.getByRole('heading', { name: new RegExp(`^Tickets behind ${escape(LABELS[firstKpi]!)}`) }).waitFor();
  const table = frame.getByRole('table');
  if ((await table.count()) > 0) {
    await tabTo(page, frame, /^Value$/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => frame.getByRole('columnheader', { name: 'Value' }).getAttribute('aria-sort'))
      .toBe('descending');
    const before = await opened();
    await tabTo(page, frame, /^Open ticket #/);
    await page.keyboard.press('Enter');
    await expect.poll(opened).toBe(before + 1);
  }
  await tabTo(page, frame, /Back$/, true);
  await page.keyboard.press('Enter');
  await frame.getByRole('tab', { selected: true }).waitFor();

  await tabTo(page, frame, /^Acknowledge the note from /);
  await page.keyboard.press('Enter');
  await frame
    .getByText(/^Acknowledged /)
    .first()
    .waitFor({ timeout: 10_000 });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
