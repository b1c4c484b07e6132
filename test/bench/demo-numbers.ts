/**
 * The time from `npm start` to the preview's numbers, for the start benchmarks: the real `npm
 * start` (which packs the apps first; turbo finds them built) in a process of its own, the
 * printed URL opened in Chromium at once, the clock stopped when both sidebars show their KPIs.
 */
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { showSevenDays } from '../browser/harness.js';
import { groupAlive, startDemo } from '../support/demo-process.js';
import { freePort } from '../support/free-port.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SIDEBARS = ['/apps/zendesk/sidebar.html', '/preview/freshdesk-app/app/index.html'];

/** Seconds from spawning `npm start` on `dataDir` until both sidebars of the preview show KPIs. */
export async function timeToNumbers(browser: Browser, dataDir: string): Promise<number> {
  const started = performance.now();
  const demo = await startDemo(['npm', 'start', '--silent', '--prefix', REPO], dataDir, await freePort());
  const page = await browser.newPage();
  try {
    await page.goto(demo.url);
    for (const part of SIDEBARS) {
      const deadline = Date.now() + 60_000;
      let frame = page.frames().find((f) => f.url().includes(part));
      while (frame === undefined) {
        if (Date.now() > deadline) throw new Error(`no ${part} frame after 60 s`);
        await new Promise((r) => setTimeout(r, 50));
        frame = page.frames().find((f) => f.url().includes(part));
      }
      await showSevenDays(frame, 60_000);
    }
    return (performance.now() - started) / 1000;
  } finally {
    await page.close();
    process.kill(-demo.child.pid!, 'SIGINT');
    await demo.exited;
    if (groupAlive(demo.child.pid!)) process.kill(-demo.child.pid!, 'SIGKILL');
  }
}
