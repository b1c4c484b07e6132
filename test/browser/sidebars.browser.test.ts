/**
 * The Zendesk sidebar in Debian's Chromium: a page plays Zendesk around the app's iframe (the ZAF
 * SDK's postMessage protocol), loads the location with a signed token as Zendesk does, and the
 * app runs against a real connector fed by the simulator. The numbers it shows are the API's; a
 * ticket solved at the vendor changes them without a reload. Screenshots go to test/.artifacts/.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { hashUserKey, signZendeskAppToken } from '@frontline/connector/auth';
import { scaledClock, systemClock } from '@frontline/connector/clock';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLiveStack, type LiveStack } from '../support/live-stack.js';
import { launchChromium } from './chromium.js';
import {
  freshworksParentPage,
  ZAF_SDK_URL,
  zafSdkScript,
  type ZendeskParentOptions,
  zendeskParentPage,
} from '@frontline/demo/hosts';
import {
  axeViolations,
  readsADrillDown,
  readsTheHeadline,
  usesTheKeyboard,
  type ApiDashboard,
  type ApiDrillRow,
  shortestWithData,
} from './agent-reads.js';
import { serveParents, showSevenDays, shownValue } from './harness.js';

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const LEAD_KEY = 'personal-key-of-the-freshdesk-lead';

/** An API answer as the given user gets it. */
async function apiAs<T>(
  stack: LiveStack,
  userId: string,
  role: 'agent' | 'lead',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${stack.tokenFor(userId, role)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** What an agent reads, in a helpdesk's frame: the same checks for both helpdesks. */
async function readAsAnAgent(
  stack: LiveStack,
  page: Page,
  frame: Frame,
  who: { agentId: string; leadName: string; ticket: { id: string; requesterId: string }; prefix: string },
): Promise<void> {
  const dashboard = await apiAs<ApiDashboard>(stack, who.agentId, 'agent', '/v1/agents/me/dashboard');
  const opened = await readsTheHeadline(frame, dashboard);
  // Names, never ids: the lead who wrote the note, the requester of the ticket in view.
  await frame.getByText(`From ${who.leadName}, `, { exact: false }).first().waitFor({ timeout: 15_000 });
  const context = await apiAs<{ requesterName: string | null }>(
    stack,
    who.agentId,
    'agent',
    `/v1/requesters/${who.ticket.requesterId}/context?ticket=${who.ticket.id}`,
  );
  if (context.requesterName !== null) await frame.getByText(`Requester: ${context.requesterName}`).waitFor();
  await frame.getByRole('region', { name: 'This ticket' }).waitFor();
  // The Freshdesk frame stops growing at 700 px: show it from the top.
  await frame.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${ARTIFACTS}${who.prefix}-sidebar.png`, fullPage: true });

  const kpi = dashboard.headline.includes('first_reply_time_median')
    ? 'first_reply_time_median'
    : dashboard.headline[0]!;
  const drill = await apiAs<{ tickets: ApiDrillRow[] }>(
    stack,
    who.agentId,
    'agent',
    `/v1/agents/me/kpis/${kpi}/tickets?period=${opened}`,
  );
  if (drill.tickets.length > 0) await readsADrillDown(frame, kpi, drill.tickets);
  await page.screenshot({ path: `${ARTIFACTS}${who.prefix}-sidebar-drilldown.png`, fullPage: true });
  await frame.getByRole('button', { name: /Back$/ }).click();
}

describe('the sidebars in Chromium', () => {
  let stack: LiveStack;
  let browser: Browser;
  let parents: { url: string; server: Server };
  let agentId: string;
  /** A Zendesk agent made a lead in Frontline (Zendesk signs anyone in; Frontline takes its agents only). */
  let lead: string;
  let leadName: string;
  let ticket: { id: string; requesterId: string };
  const pages = new Map<string, () => string>();

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    // The pages that play Zendesk frame the app and post its token: the connector must know them.
    parents = await serveParents(pages);
    stack = await openLiveStack('zendesk', {
      clock: systemClock,
      tickets: 3_000,
      days: 30,
      frameAncestors: [parents.url],
    });
    await stack.runtime.store.updateAccess('acme', {
      zendeskApp: {
        publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        audience: 'installation-1',
        issuer: 'acme.zendesk.com',
      },
    });
    stack.startWorker();
    const { tickets, agents } = await stack.runtime.store.loadHistory(stack.tenant.id);
    // A ticket never solved, so solving it adds one to every window that holds now.
    const open = tickets.filter(
      (t) => t.assigneeId !== null && t.status === 'open' && t.solvedAt === null && !t.removed,
    );
    agentId = open[0]!.assigneeId!;
    lead = agents.find((a) => a.id !== agentId)!.id;
    ticket = { id: open[0]!.id, requesterId: open[0]!.requesterId };
    const now = Math.floor(Date.now() / 1000);
    const signed = () =>
      signZendeskAppToken(
        { iss: 'acme.zendesk.com', aud: 'installation-1', sub: agentId, iat: now, exp: now + 3600 },
        keys.privateKey,
      );
    const options = (location: ZendeskParentOptions['location']): ZendeskParentOptions => ({
      connectorUrl: stack.apiUrl,
      location,
      signedToken: signed(),
      values: {
        'currentUser.locale': 'en-US',
        'ticket.id': Number(ticket.id),
        'ticket.requester.id': Number(ticket.requesterId),
      },
    });
    pages.set('/zendesk/sidebar', () => zendeskParentPage(options('ticket_sidebar')));
    // The lead's view: a lead in Frontline, signed by Zendesk like anyone.
    await stack.runtime.store.coaching.setRole(stack.tenant.id, lead, 'lead');
    pages.set('/zendesk/team', () =>
      zendeskParentPage({
        ...options('nav_bar'),
        signedToken: signZendeskAppToken(
          { iss: 'acme.zendesk.com', aud: 'installation-1', sub: lead, iat: now, exp: now + 3600 },
          keys.privateKey,
        ),
      }),
    );
    leadName = agents.find((a) => a.id === lead)!.name;
    await apiAs(stack, lead, 'lead', '/v1/notes', { agentId, body: 'Lovely follow-up on the printer ticket.' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    parents?.server.close();
    await stack?.close();
  });

  async function openZendesk(
    path: string,
    colorScheme: 'light' | 'dark' = 'light',
  ): Promise<{ page: Page; frame: Frame }> {
    const context = await browser.newContext({ viewport: { width: 420, height: 760 }, colorScheme });
    const sdk = await zafSdkScript();
    await context.route(ZAF_SDK_URL, (route) => route.fulfill({ body: sdk, contentType: 'text/javascript' }));
    const page = await context.newPage();
    await page.goto(`${parents.url}${path}`);
    await expect.poll(() => page.frame({ name: 'app' })?.url() ?? '', { timeout: 15_000 }).toContain('/apps/zendesk/');
    return { page, frame: page.frame({ name: 'app' })! };
  }

  it("shows the agent's numbers as the API computes them, and a ticket solved at the vendor changes them live", async () => {
    const { page, frame } = await openZendesk('/zendesk/sidebar');
    await showSevenDays(frame);
    const api = async () => {
      const response = await fetch(`${stack.apiUrl}/v1/agents/me/dashboard`, {
        headers: { authorization: `Bearer ${stack.tokenFor(agentId, 'agent')}` },
      });
      return (await response.json()) as { periods: { last7Days: { kpis: { solved: { value: number | null } } } } };
    };
    const before = (await api()).periods.last7Days.kpis.solved.value ?? 0;
    expect(await shownValue(frame, 'Solved tickets')).toBe(String(before));
    expect(
      await page.evaluate(() => (globalThis as unknown as { zendesk: { heights: string[] } }).zendesk.heights.length),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}zendesk-sidebar-seven-days.png`, fullPage: true });

    const stop = stack.sender.start();
    try {
      stack.account.updateTicket(Number(ticket.id), { kind: 'solve' });
      await expect.poll(() => shownValue(frame, 'Solved tickets'), { timeout: 20_000 }).toBe(String(before + 1));
      expect((await api()).periods.last7Days.kpis.solved.value).toBe(before + 1);
    } finally {
      stop();
    }
    await page.evaluate(() =>
      (globalThis as unknown as { zendesk: { fire(e: string): void } }).zendesk.fire('ticket.updated'),
    );
    await page.screenshot({ path: `${ARTIFACTS}zendesk-sidebar-after-solve.png`, fullPage: true });
  }, 90_000);

  it('reads as an agent reads it: headline with meanings, a dash with its reason, names, a drill-down', async () => {
    const { page, frame } = await openZendesk('/zendesk/sidebar');
    await readAsAnAgent(stack, page, frame, { agentId, leadName, ticket, prefix: 'zendesk' });
  }, 90_000);

  it('passes axe-core without serious violations, light and dark, and works with the keyboard alone', async () => {
    const { page, frame } = await openZendesk('/zendesk/sidebar');
    await frame
      .getByRole('button', { name: /: show the tickets$/ })
      .first()
      .waitFor({ timeout: 30_000 });
    const serious = (await axeViolations(frame)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
    const routes = () =>
      page.evaluate(() => (globalThis as unknown as { zendesk: { routes: unknown[] } }).zendesk.routes.length);
    const dashboard = await apiAs<ApiDashboard>(stack, agentId, 'agent', '/v1/agents/me/dashboard');
    await usesTheKeyboard(page, frame, dashboard.headline[0]!, routes);

    const dark = await openZendesk('/zendesk/sidebar', 'dark');
    await dark.frame
      .getByRole('button', { name: /: show the tickets$/ })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await dark.frame.evaluate('getComputedStyle(document.documentElement).backgroundColor')).not.toBe(
      'rgb(255, 255, 255)',
    );
    await dark.page.screenshot({ path: `${ARTIFACTS}zendesk-sidebar-dark.png`, fullPage: true });
    const seriousDark = (await axeViolations(dark.frame)).filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(seriousDark).toEqual([]);
  }, 120_000);

  it("shows the lead every agent's numbers in the team view", async () => {
    const { page, frame } = await openZendesk('/zendesk/team');
    const table = frame.getByRole('table');
    await table.waitFor({ timeout: 30_000 });
    const team = (await (
      await fetch(`${stack.apiUrl}/v1/team?period=last7Days`, {
        headers: { authorization: `Bearer ${stack.tokenFor(lead, 'lead')}` },
      })
    ).json()) as { agents: { agent: { name: string | null } }[] };
    const names = team.agents.map((row) => row.agent.name).filter((name): name is string => name !== null);
    expect(names.length).toBeGreaterThan(1);
    for (const name of names.slice(0, 3)) await expect.poll(() => table.innerText()).toContain(name);
    await page.screenshot({ path: `${ARTIFACTS}zendesk-team-view.png`, fullPage: true });
  }, 60_000);
});

/** The app installed as an admin installs it: the account's URL, and its API key as the secure setting. */
function installedWith(stack: LiveStack): { accountUrl: string; apiKey: string } {
  const { baseUrl, credentials } = stack.tenant;
  if (credentials.kind !== 'freshdesk-key') throw new Error('a Freshdesk stack signs in with an API key');
  return { accountUrl: baseUrl, apiKey: credentials.apiKey };
}

describe('the Freshdesk sidebar in Chromium', () => {
  let stack: LiveStack;
  let browser: Browser;
  let parents: { url: string; server: Server };
  const pages = new Map<string, () => string>();
  let agentId: string;
  let leadName: string;
  let ticket: { id: string; requesterId: string };

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    stack = await openLiveStack('freshdesk', { clock: systemClock, tickets: 3_000, days: 30 });
    stack.startWorker();
    const { tickets, agents } = await stack.runtime.store.loadHistory(stack.tenant.id);
    // A ticket never solved, so solving it adds one to every window that holds now.
    const open = tickets.filter(
      (t) => t.assigneeId !== null && t.status === 'open' && t.solvedAt === null && !t.removed,
    );
    agentId = open[0]!.assigneeId!;
    ticket = { id: open[0]!.id, requesterId: open[0]!.requesterId };
    // Another agent leads and writes the agent a note (the agent becomes a lead further down too).
    const writer = agents.find((a) => a.id !== agentId)!;
    leadName = writer.name;
    await stack.runtime.store.coaching.setRole(stack.tenant.id, writer.id, 'lead');
    await apiAs(stack, writer.id, 'lead', '/v1/notes', { agentId, body: 'Lovely follow-up on the printer ticket.' });
    parents = await serveParents(pages);
    pages.set('/freshdesk/sidebar', () =>
      freshworksParentPage({
        appUrl: `${parents.url}/app/index.html`,
        connectorUrl: stack.apiUrl,
        ...installedWith(stack),
        agentId,
        ticket: { id: Number(ticket.id), requesterId: Number(ticket.requesterId) },
      }),
    );
    // The lead's full-page app: a lead in Frontline, who proves it with a personal key.
    await stack.runtime.store.coaching.setRole(stack.tenant.id, agentId, 'lead');
    await stack.runtime.store.saveUserKeyHash(stack.tenant.id, agentId, hashUserKey(LEAD_KEY));
    pages.set('/freshdesk/team', () =>
      freshworksParentPage({
        appUrl: `${parents.url}/app/team.html`,
        connectorUrl: stack.apiUrl,
        ...installedWith(stack),
        agentId,
        ticket: null,
        wide: true,
      }),
    );
    browser = await launchChromium();
  }, 180_000);

  it("shows the lead's team view in the full-page app, signed in with the personal key", async () => {
    const context = await browser.newContext({ viewport: { width: 1140, height: 800 } });
    // The key the lead entered once on this browser (the adapter reads it from local storage).
    await context.addInitScript({ content: `localStorage.setItem('frontline.userKey', ${JSON.stringify(LEAD_KEY)});` });
    const page = await context.newPage();
    await page.goto(`${parents.url}/freshdesk/team`);
    await expect.poll(() => page.frames().length, { timeout: 15_000 }).toBeGreaterThan(1);
    const frame = page.frames().find((f) => f.url().includes('/app/team.html'))!;
    const table = frame.getByRole('table');
    await table.waitFor({ timeout: 30_000 });
    await expect.poll(() => table.innerText()).toContain('Whole team');
    await page.screenshot({ path: `${ARTIFACTS}freshdesk-team-view.png`, fullPage: true });
    await context.close();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    parents?.server.close();
    await stack?.close();
  });

  async function openFreshdesk(colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; frame: Frame }> {
    const page = await (await browser.newContext({ viewport: { width: 420, height: 760 }, colorScheme })).newPage();
    await page.goto(`${parents.url}/freshdesk/sidebar`);
    await expect.poll(() => page.frames().length, { timeout: 15_000 }).toBeGreaterThan(1);
    return { page, frame: page.frames().find((f) => f.url().includes('/app/index.html'))! };
  }

  it('reads as an agent reads it: headline with meanings, a dash with its reason, names, a drill-down', async () => {
    const { page, frame } = await openFreshdesk();
    await readAsAnAgent(stack, page, frame, { agentId, leadName, ticket, prefix: 'freshdesk' });
    // Freshworks' type, not Garden's: the theme follows the helpdesk.
    expect(await frame.evaluate('getComputedStyle(document.documentElement).fontFamily')).toMatch(/^-apple-system/);
  }, 90_000);

  it('passes axe-core without serious violations, light and dark, and works with the keyboard alone', async () => {
    const { page, frame } = await openFreshdesk();
    await frame
      .getByRole('button', { name: /: show the tickets$/ })
      .first()
      .waitFor({ timeout: 30_000 });
    const serious = (await axeViolations(frame)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
    const triggers = () =>
      page.evaluate(() => (globalThis as unknown as { freshdesk: { triggers: unknown[] } }).freshdesk.triggers.length);
    const dashboard = await apiAs<ApiDashboard>(stack, agentId, 'agent', '/v1/agents/me/dashboard');
    await usesTheKeyboard(page, frame, dashboard.headline[0]!, triggers);

    const dark = await openFreshdesk('dark');
    await dark.frame
      .getByRole('button', { name: /: show the tickets$/ })
      .first()
      .waitFor({ timeout: 30_000 });
    await dark.page.screenshot({ path: `${ARTIFACTS}freshdesk-sidebar-dark.png`, fullPage: true });
    const seriousDark = (await axeViolations(dark.frame)).filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(seriousDark).toEqual([]);
  }, 120_000);

  it("signs in through the request template, shows the API's numbers, and a solve at the vendor changes them", async () => {
    const page = await (await browser.newContext({ viewport: { width: 420, height: 760 } })).newPage();
    await page.goto(`${parents.url}/freshdesk/sidebar`);
    await expect.poll(() => page.frames().length, { timeout: 15_000 }).toBeGreaterThan(1);
    const frame = page.frames().find((f) => f.url().includes('/app/index.html'))!;
    await showSevenDays(frame);
    const api = async () =>
      (
        (await (
          await fetch(`${stack.apiUrl}/v1/agents/me/dashboard`, {
            headers: { authorization: `Bearer ${stack.tokenFor(agentId, 'agent')}` },
          })
        ).json()) as { periods: { last7Days: { kpis: { solved: { value: number | null } } } } }
      ).periods.last7Days.kpis.solved.value ?? 0;
    const before = await api();
    expect(await shownValue(frame, 'Solved tickets')).toBe(String(before));
    await page.screenshot({ path: `${ARTIFACTS}freshdesk-sidebar-seven-days.png`, fullPage: true });
    const stop = stack.sender.start();
    try {
      stack.account.updateTicket(Number(ticket.id), { kind: 'solve' });
      await expect.poll(() => shownValue(frame, 'Solved tickets'), { timeout: 20_000 }).toBe(String(before + 1));
      expect(await api()).toBe(before + 1);
    } finally {
      stop();
    }
  }, 90_000);
});

/** The latest 05:00 in Berlin (the simulated helpdesks' zone) that has passed: before the business day. */
function earlyMorning(now = Date.now()): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const local =
    Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
  const since = (((local - 5 * 60) % 1440) + 1440) % 1440;
  return now - since * 60_000 - (now % 60_000);
}

describe('the Zendesk sidebar on an early morning (a clock set to 05:00 in Berlin)', () => {
  let stack: LiveStack;
  let browser: Browser;
  let parents: { url: string; server: Server };
  const pages = new Map<string, () => string>();
  const start = earlyMorning();
  const clock = scaledClock(1, start);
  let agentId: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    parents = await serveParents(pages);
    stack = await openLiveStack('zendesk', { clock, tickets: 1_500, days: 30, frameAncestors: [parents.url] });
    await stack.runtime.store.updateAccess('acme', {
      zendeskApp: {
        publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        audience: 'installation-1',
        issuer: 'acme.zendesk.com',
      },
    });
    const { tickets } = await stack.runtime.store.loadHistory(stack.tenant.id);
    agentId = tickets.find((t) => t.assigneeId !== null)!.assigneeId!;
    const iat = Math.floor(clock.now() / 1000);
    pages.set('/zendesk/sidebar', () =>
      zendeskParentPage({
        connectorUrl: stack.apiUrl,
        location: 'ticket_sidebar',
        signedToken: signZendeskAppToken(
          { iss: 'acme.zendesk.com', aud: 'installation-1', sub: agentId, iat, exp: iat + 3600 },
          keys.privateKey,
        ),
        values: { 'currentUser.locale': 'en-US' },
      }),
    );
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    parents?.server.close();
    await stack?.close();
  });

  it('opens on the shortest period with data, not on an empty Today', async () => {
    const context = await browser.newContext({ viewport: { width: 420, height: 760 } });
    const sdk = await zafSdkScript();
    await context.route(ZAF_SDK_URL, (route) => route.fulfill({ body: sdk, contentType: 'text/javascript' }));
    const page = await context.newPage();
    // The page's clock reads the same early morning as the connector's.
    await page.clock.install({ time: clock.now() });
    await page.goto(`${parents.url}/zendesk/sidebar`);
    await expect.poll(() => page.frame({ name: 'app' })?.url() ?? '', { timeout: 15_000 }).toContain('/apps/zendesk/');
    const frame = page.frame({ name: 'app' })!;
    await frame.locator('[data-kpi-value]').first().waitFor({ timeout: 30_000 });
    const dashboard = (await (
      await fetch(`${stack.apiUrl}/v1/agents/me/dashboard`, {
        headers: { authorization: `Bearer ${stack.tokenFor(agentId, 'agent')}` },
      })
    ).json()) as ApiDashboard;
    const expected = shortestWithData(dashboard);
    expect(expected).not.toBe('today');
    const name = { today: 'Today', last7Days: '7 days', last30Days: '30 days' }[expected];
    expect(await frame.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
    await page.screenshot({ path: `${ARTIFACTS}zendesk-sidebar-early-morning.png`, fullPage: true });
    await context.close();
  }, 90_000);
});
