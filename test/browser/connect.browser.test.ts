/**
 * An admin's path from installing the app to numbers, with no shell: a fresh connector that has
 * only its operator's settings (a real `frontline serve` process), a simulated helpdesk, and
 * Chromium. Zendesk: the admin clicks Connect, allows access on the simulator's consent page, and
 * watches the first sync; an agent then sees numbers; Disconnect removes the webhooks, revokes the
 * token and deletes every row. Freshdesk: the install's API key registers the account at the first
 * sign-in and the agent sees numbers. Screenshots go to test/.artifacts/.
 */
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { adminOf, createConfiguredWebhookSender, DEFAULT_FRESHDESK_API_KEY } from '@frontline/simulators';
import { freshworksParentPage, ZAF_SDK_URL, zafSdkScript, zendeskParentPage } from '@frontline/demo/hosts';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appToken,
  simulatedHelpdesk,
  startMarketplaceConnector,
  tenantNameOf,
  type MarketplaceConnector,
  type SimulatedHelpdesk,
} from '../support/connect-stack.js';
import { launchChromium } from './chromium.js';
import { serveParents } from './harness.js';

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));

/** Waits for `target`; when it never shows, the error says what the app showed instead. */
async function shows(frame: Frame, target: Locator, timeoutMs: number): Promise<void> {
  try {
    await target.waitFor({ timeout: timeoutMs });
  } catch (error) {
    const shown = await frame
      .locator('body')
      .innerText()
      .catch(() => '(the frame is gone)');
    throw new Error(`${(error as Error).message}\nthe app showed instead:\n${shown}`);
  }
}

async function frameOf(page: Page): Promise<Frame> {
  const element = await page.waitForSelector('iframe');
  const frame = await element.contentFrame();
  if (frame === null) throw new Error('the app frame did not load');
  return frame;
}

describe('an admin connects from the app, with no shell', () => {
  let connector: MarketplaceConnector;
  let apiUrl: string;
  let browser: Browser;
  let parents: { url: string; server: Server };
  let zendesk: SimulatedHelpdesk;
  let freshdesk: SimulatedHelpdesk;
  const pages = new Map<string, () => string>();
  let sdk: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    // A real helpdesk's answers take time: long enough for the admin to watch the sync come in.
    const size = { tickets: 1_500, days: 30, latencyMs: 250 };
    [zendesk, freshdesk] = await Promise.all([
      simulatedHelpdesk('zendesk', size),
      simulatedHelpdesk('freshdesk', size),
    ]);
    parents = await serveParents(pages);
    sdk = await zafSdkScript();
    connector = await startMarketplaceConnector(parents.url);
    apiUrl = connector.apiUrl;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await connector?.close();
    parents?.server.close();
    await zendesk?.close();
    await freshdesk?.close();
  });

  it('Zendesk: Connect, consent, progress, an agent with numbers, then Disconnect deletes every row', async () => {
    const { account, host } = zendesk;
    const [admin, agent] = account.history.agents;
    const deliveries = createConfiguredWebhookSender(account);
    const stopDelivering = deliveries.start();
    const setupOf = adminOf(account);
    const zendeskPage = (userId: number, location: 'ticket_sidebar' | 'nav_bar', role: string) => () =>
      zendeskParentPage({
        connectorUrl: apiUrl,
        location,
        signedToken: appToken(host, userId),
        values: { 'currentUser.locale': 'en-US', 'currentUser.role': role },
      });
    pages.set('/zendesk/admin', zendeskPage(admin!.id, 'ticket_sidebar', 'admin'));
    pages.set('/zendesk/agent', zendeskPage(agent!.id, 'ticket_sidebar', 'agent'));
    pages.set('/zendesk/admin-team', zendeskPage(admin!.id, 'nav_bar', 'admin'));
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    // Zendesk serves its SDK from its CDN, which this machine cannot reach.
    await context.route(ZAF_SDK_URL, (route) => route.fulfill({ body: sdk, contentType: 'text/javascript' }));
    try {
      // An agent of the account before anyone connected it: whom to ask, no button.
      const early = await context.newPage();
      await early.goto(`${parents.url}/zendesk/agent`);
      const earlyFrame = await frameOf(early);
      await shows(earlyFrame, earlyFrame.getByText('Ask an admin of your Zendesk account'), 30_000);
      expect(await earlyFrame.getByRole('button', { name: 'Connect' }).count()).toBe(0);
      await early.close();

      const page = await context.newPage();
      const clicked = Date.now();
      await page.goto(`${parents.url}/zendesk/admin`);
      const frame = await frameOf(page);
      const connect = frame.getByRole('button', { name: 'Connect' });
      await connect.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: `${ARTIFACTS}connect-zendesk-not-connected.png`, fullPage: true });
      const [consent] = await Promise.all([context.waitForEvent('page'), connect.click()]);
      await consent.getByRole('button', { name: 'Allow' }).waitFor();
      await consent.screenshot({ path: `${ARTIFACTS}connect-zendesk-consent.png` });
      await consent.getByRole('button', { name: 'Allow' }).click();
      await consent.getByRole('heading', { name: 'Frontline is connected' }).waitFor({ timeout: 30_000 });
      await consent.close();

      // The app goes on by itself: the admin's numbers, and the first sync's progress.
      await frame.getByRole('heading', { name: 'My KPIs' }).waitFor({ timeout: 60_000 });
      await frame.getByRole('heading', { name: 'Setting up Frontline' }).waitFor({ timeout: 30_000 });
      await frame.getByText(/^Last 60 days: \d+% synced$/).waitFor();
      await page.screenshot({ path: `${ARTIFACTS}connect-zendesk-progress.png`, fullPage: true });

      // What Connect made in the account: two webhooks to the connector and the ratings trigger.
      expect(
        [...setupOf.webhooks.values()].map((w) => [w.endpoint, w.subscriptions.includes('conditional_ticket_events')]),
      ).toEqual([
        [`${apiUrl}/v1/webhooks/zendesk/127-0-0-1-${host.split(':')[1]}`, false],
        [`${apiUrl}/v1/webhooks/zendesk/127-0-0-1-${host.split(':')[1]}`, true],
      ]);
      expect(setupOf.triggers.size).toBe(1);
      expect(setupOf.tokens.size).toBe(1);

      // An agent now sees numbers in the ticket sidebar.
      const agentPage = await context.newPage();
      await agentPage.goto(`${parents.url}/zendesk/agent`);
      const agentFrame = await frameOf(agentPage);
      await agentFrame.locator('[data-kpi-value]').first().waitFor({ timeout: 90_000 });
      const firstNumbers = Date.now() - clicked;
      console.log(`Zendesk: Connect clicked to an agent's first numbers in ${(firstNumbers / 1000).toFixed(1)} s`);
      expect(await agentFrame.getByRole('heading', { name: 'Setting up Frontline' }).count()).toBe(0);
      await agentPage.screenshot({ path: `${ARTIFACTS}connect-zendesk-agent.png`, fullPage: true });

      // A change at the vendor reaches the connector through the webhook Connect created.
      account.addTicket();
      await expect
        .poll(() => deliveries.deliveries.map((d) => [d.kind, d.status]), { timeout: 15_000 })
        .toContainEqual(['zen:event-type:ticket.created', 202]);

      // Disconnect, from the admin's team view.
      const team = await context.newPage();
      await team.goto(`${parents.url}/zendesk/admin-team`);
      const teamFrame = await frameOf(team);
      await teamFrame.getByRole('button', { name: 'Disconnect…' }).click({ timeout: 60_000 });
      const name = tenantNameOf(host);
      await teamFrame.getByLabel(`Type ${name} to disconnect`).fill(name);
      await teamFrame.getByRole('button', { name: 'Disconnect and delete' }).click();
      await teamFrame.getByText('Disconnected').first().waitFor({ timeout: 30_000 });
      await team.screenshot({ path: `${ARTIFACTS}connect-zendesk-disconnected.png`, fullPage: true });
      expect(setupOf.webhooks.size).toBe(0);
      expect(setupOf.triggers.size).toBe(0);
      expect([setupOf.tokens.size, setupOf.revoked.size]).toEqual([0, 1]);
    } finally {
      stopDelivering();
      await context.close();
    }
  }, 240_000);

  it('Freshdesk: the install registers the account at its first sign-in, the agent sees numbers, the admin proves who they are and disconnects', async () => {
    const { account, simulator } = freshdesk;
    const agent = account.history.agents[1]!;
    pages.set('/freshdesk/agent', () =>
      freshworksParentPage({
        appUrl: `${parents.url}/app/index.html`,
        connectorUrl: apiUrl,
        accountUrl: simulator.url,
        apiKey: DEFAULT_FRESHDESK_API_KEY,
        agentId: String(agent.id),
        ticket: null,
      }),
    );
    const page = await browser.newPage({ viewport: { width: 400, height: 900 } });
    try {
      const started = Date.now();
      await page.goto(`${parents.url}/freshdesk/agent`);
      const frame = await frameOf(page);
      await shows(frame, frame.locator('[data-kpi-value]').first(), 120_000);
      console.log(`Freshdesk: install to an agent's first numbers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await page.screenshot({ path: `${ARTIFACTS}connect-freshdesk-agent.png`, fullPage: true });
      // The template calls the platform made: signIn (not connected), register, signIn.
      const calls = (await page.evaluate('window.freshdesk.calls')) as string[];
      expect(calls.slice(0, 3)).toEqual(['signIn', 'register', 'signIn']);
      // The automation rules Connect created, calling the connector with a secret header.
      const rules = [...adminOf(account).rules.values()];
      expect(rules.map((r) => r.type).sort()).toEqual([1, 4]);
      for (const rule of rules)
        expect(rule.webhooks[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/webhooks\/freshdesk\//);
    } finally {
      await page.close();
    }

    // The admin whose key installed the app proves once who they are, then disconnects.
    const installer = account.history.agents[0]!;
    pages.set('/freshdesk/admin-team', () =>
      freshworksParentPage({
        appUrl: `${parents.url}/app/team.html`,
        connectorUrl: apiUrl,
        accountUrl: simulator.url,
        apiKey: DEFAULT_FRESHDESK_API_KEY,
        agentId: String(installer.id),
        ticket: null,
        wide: true,
      }),
    );
    const team = await browser.newPage({ viewport: { width: 1140, height: 900 } });
    try {
      await team.goto(`${parents.url}/freshdesk/admin-team`);
      let frame = await frameOf(team);
      await shows(frame, frame.getByLabel('Your own Freshdesk API key'), 60_000);
      await frame.getByLabel('Your own Freshdesk API key').fill(DEFAULT_FRESHDESK_API_KEY);
      await frame.getByRole('button', { name: 'Prove it is me' }).click();
      // The app reloads signed in with the personal key: the installer is Frontline's admin.
      await team.waitForTimeout(500);
      frame = await frameOf(team);
      await shows(frame, frame.getByRole('button', { name: 'Disconnect…' }), 60_000);
      await team.screenshot({ path: `${ARTIFACTS}connect-freshdesk-admin.png`, fullPage: true });
      await frame.getByRole('button', { name: 'Disconnect…' }).click();
      const name = tenantNameOf(freshdesk.host);
      await frame.getByLabel(`Type ${name} to disconnect`).fill(name);
      await frame.getByRole('button', { name: 'Disconnect and delete' }).click();
      await shows(frame, frame.getByText('Disconnected').first(), 30_000);
      expect(adminOf(account).rules.size).toBe(0);
    } finally {
      await team.close();
    }
  }, 240_000);

  it('leaves no row of the disconnected accounts in the store', async () => {
    await connector.process.kill();
    const db = await PGlite.create(join(connector.storeDir, 'pglite'));
    try {
      const tables = await db.query<{ table_name: string }>(
        `SELECT DISTINCT table_name FROM information_schema.columns WHERE column_name = 'tenant_id' AND table_schema = 'public'`,
      );
      expect(tables.rows.length).toBeGreaterThan(5);
      expect((await db.query('SELECT name FROM tenants')).rows).toEqual([]);
      for (const { table_name } of tables.rows) {
        const left = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table_name}`);
        expect(left.rows[0]!.n, table_name).toBe(0);
      }
    } finally {
      await db.close();
    }
  }, 60_000);
});
