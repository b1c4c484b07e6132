/**
 * `npm start` as a user runs it: its entry in a process of its own on free ports, with an empty
 * data folder. The URL it prints opens the preview in Chromium; both demo tenants' sidebars show
 * numbers that change as their helpdesks get new tickets, replies and ratings. SIGINT stops it
 * and everything it started; a second start finds the first one's data.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupAlive, startDemo, type Started } from '../support/demo-process.js';
import { freePort } from '../support/free-port.js';
import { launchChromium } from './chromium.js';
import { showSevenDays, shownValue } from './harness.js';

const ENTRY = fileURLToPath(new URL('../../demo/bin/frontline-demo.js', import.meta.url));
/** The entry of `npm start`; the apps are packed by the test setup. */
const START = [process.execPath, ENTRY, '--no-build'];
/**
 * At a real helpdesk's pace one agent's numbers move every several minutes; 30 times faster, a
 * change shows within seconds (the backlog and every ticket's life are the same, compressed).
 */
const PACE = { FRONTLINE_DEMO_PACE: '30' };
const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));

/** Every KPI the sidebar shows, label to value, as the agent reads them. */
async function shownKpis(frame: Frame): Promise<Record<string, string>> {
  const labels = await frame
    .getByRole('button', { name: /: show the tickets$/ })
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent ?? ''));
  const shown: Record<string, string> = {};
  for (const label of labels) {
    const name = label.replace(/: show the tickets$/, '');
    shown[name] = await shownValue(frame, name);
  }
  return shown;
}

describe('npm start', () => {
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frontline-start-'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Opens the preview and waits for both sidebars' KPIs and the lead's team view. */
  async function openPreview(url: string): Promise<{ page: Page; zendesk: Frame; freshdesk: Frame }> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1800 } });
    await page.goto(url);
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 60_000 }).toMatch(/^Live:/);
    const frameOf = async (urlPart: string) => {
      await expect.poll(() => page.frames().some((f) => f.url().includes(urlPart)), { timeout: 30_000 }).toBe(true);
      return page.frames().find((f) => f.url().includes(urlPart))!;
    };
    const sidebar = async (urlPart: string) => {
      const frame = await frameOf(urlPart);
      await showSevenDays(frame);
      return frame;
    };
    const zendesk = await sidebar('/apps/zendesk/sidebar.html');
    const freshdesk = await sidebar('/preview/freshdesk-app/app/index.html');
    // The lead's view: every agent of the team, and the team's row.
    await (await frameOf('/apps/zendesk/team.html')).getByText('Whole team').waitFor({ timeout: 30_000 });
    return { page, zendesk, freshdesk };
  }

  /** Waits until the sidebar shows other numbers than `before`, without a reload. */
  async function changes(frame: Frame, before: Record<string, string>): Promise<void> {
    await expect
      .poll(async () => JSON.stringify(await shownKpis(frame)) !== JSON.stringify(before), {
        timeout: 120_000,
        interval: 2_000,
      })
      .toBe(true);
  }

  /** Stops it with SIGINT, as Ctrl-C does: a clean exit, and nothing it started left running. */
  async function interrupt(demo: Started): Promise<void> {
    demo.child.kill('SIGINT');
    const { code } = await demo.exited;
    expect(code, demo.stderr()).toBe(0);
    await expect.poll(() => groupAlive(demo.child.pid!), { timeout: 5_000 }).toBe(false);
    await expect(fetch(demo.url)).rejects.toThrow();
    // Warnings and errors are JSON lines of level 40 and up; a clean run has none.
    expect(demo.stderr()).not.toMatch(/"level":[4-6]0/);
  }

  it('serves a preview whose two sidebars change live, stops on SIGINT, and keeps its data', async () => {
    const port = await freePort();
    const first = await startDemo(START, dataDir, port, PACE);
    expect(first.url).toBe(`http://localhost:${port}/`);
    try {
      const { page, zendesk, freshdesk } = await openPreview(first.url);
      const before = { zendesk: await shownKpis(zendesk), freshdesk: await shownKpis(freshdesk) };
      expect(Object.keys(before.zendesk).length).toBeGreaterThan(5);
      expect(Object.keys(before.freshdesk).length).toBeGreaterThan(5);
      // Numbers, not placeholders: at least one KPI of each sidebar has a digit in it.
      expect(Object.values(before.zendesk).some((v) => /\d/.test(v))).toBe(true);
      expect(Object.values(before.freshdesk).some((v) => /\d/.test(v))).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}preview.png`, fullPage: true });
      // The helpdesks keep working: each sidebar's numbers change without a reload.
      await changes(zendesk, before.zendesk);
      await changes(freshdesk, before.freshdesk);
      await page.close();
    } finally {
      await interrupt(first);
    }

    // A second start on the same data folder: synced from its first second, and live again.
    const second = await startDemo(START, dataDir, await freePort(), PACE);
    try {
      const status = (await (await fetch(`${second.url}preview/status`)).json()) as { name: string; ready: boolean }[];
      expect(status).toEqual([
        expect.objectContaining({ name: 'demo-zendesk', ready: true }),
        expect.objectContaining({ name: 'demo-freshdesk', ready: true }),
      ]);
      expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['pglite', 'demo-helpdesks.json']));
      const { page, zendesk } = await openPreview(second.url);
      await changes(zendesk, await shownKpis(zendesk));
      await page.close();
    } finally {
      await interrupt(second);
    }
  }, 400_000);
});
