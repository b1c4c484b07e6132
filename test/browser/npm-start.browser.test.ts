/**
 * `npm start` as a user runs it: its entry in a process of its own on free ports, with an empty
 * data folder. The URL it prints opens the preview in Chromium; both demo tenants' sidebars show
 * numbers that change as their helpdesks get new tickets, replies and ratings. SIGINT stops it
 * and everything it started; a second start finds the first one's data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { launchChromium } from './chromium.js';
import { shownValue } from './harness.js';

const ENTRY = fileURLToPath(new URL('../../demo/bin/frontline-demo.js', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Runs the entry (the apps are packed by the test setup) and waits for the URL it prints. */
async function startDemo(dataDir: string, port: number): Promise<Started> {
  const child = spawn(process.execPath, [ENTRY, '--no-build'], {
    env: { ...process.env, PORT: String(port), FRONTLINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so the test can tell whether anything it started outlives it.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after 60 s; stderr:\n${stderr}`)), 60_000);
    child.stdout!.on('data', () => {
      const match = /https?:\/\/\S+/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    void exited.then(({ code }) => reject(new Error(`exited with ${code} before printing a URL; stderr:\n${stderr}`)));
  });
  return { child, url, exited, stderr: () => stderr };
}

/** Whether any process of the group `pgid` is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

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

  it('serves a preview whose two sidebars change live, stops on SIGINT, and keeps its data', async () => {
    const port = await freePort();
    const first = await startDemo(dataDir, port);
    expect(first.url).toBe(`http://localhost:${port}/`);
    let page: Page | null = null;
    try {
      page = await browser.newPage({ viewport: { width: 1600, height: 1800 } });
      await page.goto(first.url);
      await expect.poll(() => page!.getByRole('status').innerText(), { timeout: 60_000 }).toMatch(/^Live:/);

      const frameOf = async (urlPart: string) => {
        await expect.poll(() => page!.frames().some((f) => f.url().includes(urlPart)), { timeout: 30_000 }).toBe(true);
        return page!.frames().find((f) => f.url().includes(urlPart))!;
      };
      const sidebar = async (urlPart: string) => {
        const frame = await frameOf(urlPart);
        await frame
          .getByRole('button', { name: /: show the tickets$/ })
          .first()
          .waitFor({ timeout: 30_000 });
        return frame;
      };
      const zendesk = await sidebar('/apps/zendesk/sidebar.html');
      const freshdesk = await sidebar('/preview/freshdesk-app/app/index.html');
      // The lead's view: every agent of the team, and the team's row.
      const team = await frameOf('/apps/zendesk/team.html');
      await team.getByText('Whole team').waitFor({ timeout: 30_000 });

      const before = { zendesk: await shownKpis(zendesk), freshdesk: await shownKpis(freshdesk) };
      expect(Object.keys(before.zendesk).length).toBeGreaterThan(5);
      expect(Object.keys(before.freshdesk).length).toBeGreaterThan(5);
      // Numbers, not placeholders: at least one KPI of each sidebar has a digit in it.
      expect(Object.values(before.zendesk).some((v) => /\d/.test(v))).toBe(true);
      expect(Object.values(before.freshdesk).some((v) => /\d/.test(v))).toBe(true);
      await page.screenshot({ path: `${ARTIFACTS}preview.png`, fullPage: true });

      // The helpdesks keep working: each sidebar's numbers change without a reload.
      await expect
        .poll(async () => JSON.stringify(await shownKpis(zendesk)) !== JSON.stringify(before.zendesk), {
          timeout: 120_000,
          interval: 2_000,
        })
        .toBe(true);
      await expect
        .poll(async () => JSON.stringify(await shownKpis(freshdesk)) !== JSON.stringify(before.freshdesk), {
          timeout: 120_000,
          interval: 2_000,
        })
        .toBe(true);
    } finally {
      await page?.close();
      first.child.kill('SIGINT');
    }
    const { code } = await first.exited;
    expect(code, first.stderr()).toBe(0);
    await expect.poll(() => groupAlive(first.child.pid!), { timeout: 5_000 }).toBe(false);
    await expect(fetch(first.url)).rejects.toThrow();

    // A second start on the same data folder: the tenants are there, synced, from the first second.
    const second = await startDemo(dataDir, await freePort());
    try {
      const status = (await (await fetch(`${second.url}preview/status`)).json()) as { name: string; ready: boolean }[];
      expect(status).toEqual([
        expect.objectContaining({ name: 'demo-zendesk', ready: true }),
        expect.objectContaining({ name: 'demo-freshdesk', ready: true }),
      ]);
      expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['pglite', 'demo-helpdesks.json']));
    } finally {
      second.child.kill('SIGINT');
    }
    expect((await second.exited).code, second.stderr()).toBe(0);
    expect(groupAlive(second.child.pid!)).toBe(false);
  }, 400_000);
});
