/**
 * The Zendesk sidebar in Debian's Chromium: a page plays Zendesk around the app's iframe (the ZAF
 * SDK's postMessage protocol), loads the location with a signed token as Zendesk does, and the
 * app runs against a real connector fed by the simulator. The numbers it shows are the API's; a
 * ticket solved at the vendor changes them without a reload. Screenshots go to test/.artifacts/.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { signZendeskAppToken } from '@frontline/connector/auth';
import { systemClock } from '@frontline/connector/clock';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLiveStack, type LiveStack } from '../support/live-stack.js';
import { launchChromium } from './chromium.js';
import { ZAF_SDK_URL, zafSdkScript } from './zaf-sdk.js';
import { zendeskParentPage, type ZendeskParentOptions } from './zendesk-parent.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Serves one parent page per path. */
async function serveParents(pages: Map<string, () => string>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const page = pages.get(request.url ?? '');
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page ? page() : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The value the sidebar shows for a KPI, as the agent reads it (the row's first line after its label). */
async function shownValue(frame: Frame, label: string): Promise<string> {
  const button = frame.getByRole('button', { name: `${label}: show the tickets` });
  const row = button.locator('xpath=..');
  const text = await row.innerText();
  return text.replace(label, '').trim().split('\n')[0]!.trim();
}

describe('the sidebars in Chromium', () => {
  let stack: LiveStack;
  let browser: Browser;
  let parents: { url: string; server: Server };
  let agentId: string;
  let ticket: { id: string; requesterId: string };
  const pages = new Map<string, () => string>();

  beforeAll(async () => {
    // The apps as they ship: bundles built and packed (the connector serves the Zendesk pages from dist/).
    execFileSync('npm', ['run', 'package'], { cwd: REPO, stdio: 'ignore' });
    await mkdir(ARTIFACTS, { recursive: true });
    stack = await openLiveStack('zendesk', { clock: systemClock, tickets: 3_000, days: 30 });
    await stack.runtime.store.updateAccess('acme', {
      zendeskApp: {
        publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        audience: 'installation-1',
        issuer: 'acme.zendesk.com',
      },
    });
    stack.startWorker();
    const { tickets } = await stack.runtime.store.loadHistory(stack.tenant.id);
    const open = tickets.filter((t) => t.assigneeId !== null && t.status === 'open' && !t.removed);
    agentId = open[0]!.assigneeId!;
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
    parents = await serveParents(pages);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    parents?.server.close();
    await stack?.close();
  });

  async function openZendesk(path: string): Promise<{ page: Page; frame: Frame }> {
    const context = await browser.newContext({ viewport: { width: 420, height: 760 } });
    const sdk = await zafSdkScript();
    await context.route(ZAF_SDK_URL, (route) => route.fulfill({ body: sdk, contentType: 'text/javascript' }));
    const page = await context.newPage();
    await page.goto(`${parents.url}${path}`);
    await expect.poll(() => page.frame({ name: 'app' })?.url() ?? '', { timeout: 15_000 }).toContain('/apps/zendesk/');
    return { page, frame: page.frame({ name: 'app' })! };
  }

  it("shows the agent's numbers as the API computes them, and a ticket solved at the vendor changes them live", async () => {
    const { page, frame } = await openZendesk('/zendesk/sidebar');
    await frame.getByRole('button', { name: 'Solved tickets: show the tickets' }).waitFor({ timeout: 30_000 });
    const api = async () => {
      const response = await fetch(`${stack.apiUrl}/v1/agents/me/dashboard`, {
        headers: { authorization: `Bearer ${stack.tokenFor(agentId, 'agent')}` },
      });
      return (await response.json()) as { periods: { today: { kpis: { solved: { value: number | null } } } } };
    };
    const before = (await api()).periods.today.kpis.solved.value ?? 0;
    expect(await shownValue(frame, 'Solved tickets')).toBe(String(before));
    expect(
      await page.evaluate(() => (globalThis as unknown as { zendesk: { heights: string[] } }).zendesk.heights.length),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}zendesk-sidebar.png`, fullPage: true });

    const stop = stack.sender.start();
    try {
      stack.account.updateTicket(Number(ticket.id), { kind: 'solve' });
      await expect.poll(() => shownValue(frame, 'Solved tickets'), { timeout: 20_000 }).toBe(String(before + 1));
      expect((await api()).periods.today.kpis.solved.value).toBe(before + 1);
    } finally {
      stop();
    }
    await page.evaluate(() =>
      (globalThis as unknown as { zendesk: { fire(e: string): void } }).zendesk.fire('ticket.updated'),
    );
    await page.screenshot({ path: `${ARTIFACTS}zendesk-sidebar-after-solve.png`, fullPage: true });
  }, 90_000);
});
