/**
 * The connector's Connect calls against the simulated vendors: Zendesk's OAuth flow (consent,
 * code, PKCE, token, revocation), the webhooks and trigger its setup creates and the secrets they
 * sign with, Freshdesk's automation rules, and everything gone after uninstall. Expected values
 * are the simulated account's own records, never the connector's answers.
 */
import { createHash, randomBytes } from 'node:crypto';
import { systemClock } from '@frontline/connector/clock';
import { createFreshdeskClient } from '@frontline/connector/vendors/freshdesk';
import { createZendeskClient, exchangeZendeskCode, zendeskAuthorizeUrl } from '@frontline/connector/vendors/zendesk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminOf } from './account-admin.js';
import { createSimulatedAccount } from './account.js';
import { createConfiguredWebhookSender } from './configured-webhooks.js';
import { createFreshdeskHandlers, DEFAULT_FRESHDESK_API_KEY } from './freshdesk-handlers.js';
import { generateHistory } from './history.js';
import { signZendeskWebhook } from './zendesk-webhooks.js';
import { createZendeskHandlers } from './zendesk-handlers.js';

const ZENDESK = 'https://acme.zendesk.test';
const FRESHDESK = 'https://acme.freshdesk.test';
const OAUTH = { clientId: 'frontline', clientSecret: 'client-secret' };
const REDIRECT = 'https://connector.test/v1/connect/zendesk/callback';
const HOOK_URL = 'https://connector.test/v1/webhooks/zendesk/acme';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function zendeskAccount(signedInAgent = 0) {
  const history = generateHistory({ seed: 9, tickets: 60, days: 10, now: Date.now() - 120_000 });
  const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: systemClock });
  server.use(...createZendeskHandlers(account, { baseUrl: ZENDESK, oauth: { ...OAUTH, signedInAgent } }));
  return account;
}

/** The consent page's Allow, as the admin's browser posts it; the code Zendesk redirects with. */
async function allow(authorizeUrl: string): Promise<{ code: string; state: string }> {
  const page = await (await fetch(authorizeUrl)).text();
  const fields = new URLSearchParams({ decision: 'allow' });
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(name!, value!.replace(/&amp;/g, '&'));
  }
  const answer = await fetch(`${ZENDESK}/oauth/authorizations`, { method: 'POST', body: fields, redirect: 'manual' });
  const back = new URL(answer.headers.get('location')!);
  return { code: back.searchParams.get('code')!, state: back.searchParams.get('state')! };
}

const verifier = () => randomBytes(32).toString('base64url');
const challengeOf = (v: string) => createHash('sha256').update(v).digest('base64url');

describe("Zendesk's OAuth flow, as Connect runs it", () => {
  it('swaps a consented code for a token that signs in as the admin, once; a wrong verifier gets nothing', async () => {
    const account = zendeskAccount();
    const v = verifier();
    const url = zendeskAuthorizeUrl(
      ZENDESK,
      { clientId: OAUTH.clientId, redirectUri: REDIRECT },
      { state: 's-1', codeChallenge: challengeOf(v) },
    );
    const { code, state } = await allow(url);
    expect(state).toBe('s-1');
    const client = { ...OAUTH, redirectUri: REDIRECT };
    await expect(exchangeZendeskCode(ZENDESK, client, { code, codeVerifier: verifier() })).rejects.toThrow(
      /invalid_grant/,
    );
    // The failed try used the code up, as a one-time code must be.
    await expect(exchangeZendeskCode(ZENDESK, client, { code, codeVerifier: v })).rejects.toThrow(/invalid_grant/);

    const second = await allow(url);
    const { accessToken } = await exchangeZendeskCode(ZENDESK, client, { code: second.code, codeVerifier: v });
    const zendesk = createZendeskClient({
      tenant: 'acme',
      baseUrl: ZENDESK,
      clock: systemClock,
      credentials: { kind: 'zendesk-oauth', accessToken },
    });
    const admin = account.history.agents[0]!;
    expect(await zendesk.checkAccess()).toEqual({
      id: String(admin.id),
      name: admin.name,
      email: admin.email,
      administersHelpdesk: true,
    });
    await zendesk.setup!.revokeAccess();
    expect([adminOf(account).tokens.size, adminOf(account).revoked.size]).toEqual([0, 1]);
  });

  it("signs an agent's consent in as an agent, whom the webhooks API refuses", async () => {
    const account = zendeskAccount(1);
    const v = verifier();
    const { code } = await allow(
      zendeskAuthorizeUrl(
        ZENDESK,
        { clientId: OAUTH.clientId, redirectUri: REDIRECT },
        { state: 's', codeChallenge: challengeOf(v) },
      ),
    );
    const { accessToken } = await exchangeZendeskCode(
      ZENDESK,
      { ...OAUTH, redirectUri: REDIRECT },
      { code, codeVerifier: v },
    );
    const zendesk = createZendeskClient({
      tenant: 'acme',
      baseUrl: ZENDESK,
      clock: systemClock,
      credentials: { kind: 'zendesk-oauth', accessToken },
    });
    const agent = await zendesk.checkAccess();
    expect(agent.id).toBe(String(account.history.agents[1]!.id));
    expect(agent.administersHelpdesk).toBeUndefined();
    await expect(zendesk.setup!.install(HOOK_URL)).rejects.toThrow(/403/);
    expect(adminOf(account).webhooks.size).toBe(0);
  });
});

describe("the app's public key", () => {
  it('is served as the PEM Zendesk keeps for the app, and not for another app', async () => {
    const history = generateHistory({ seed: 9, tickets: 10, days: 5, now: Date.now() - 120_000 });
    const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: systemClock });
    const pem = '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n';
    server.use(...createZendeskHandlers(account, { baseUrl: ZENDESK, app: { appId: 77, publicKeyPem: pem } }));
    const auth = { authorization: `Basic ${Buffer.from('admin@acme.example/token:zd-api-token').toString('base64')}` };
    const found = await fetch(`${ZENDESK}/api/v2/apps/77/public_key.pem`, { headers: auth });
    expect([found.status, await found.text()]).toEqual([200, pem]);
    expect((await fetch(`${ZENDESK}/api/v2/apps/78/public_key.pem`, { headers: auth })).status).toBe(404);
  });
});

describe("the connector's Zendesk setup", () => {
  it('creates the two webhooks and the ratings trigger, signs with the secrets it read, and removes them all', async () => {
    const account = zendeskAccount();
    const zendesk = createZendeskClient({
      tenant: 'acme',
      baseUrl: ZENDESK,
      clock: systemClock,
      credentials: { kind: 'zendesk-token', email: 'admin@acme.example', token: 'zd-api-token' },
    });
    const installed = await zendesk.setup!.install(HOOK_URL);
    const made = adminOf(account);
    const [events, ratings] = [...made.webhooks.values()];
    expect(installed.webhookSecrets).toEqual([events!.secret, ratings!.secret]);
    expect(events!.subscriptions).toContain('zen:event-type:ticket.status_changed');
    expect(ratings!.subscriptions).toEqual(['conditional_ticket_events']);
    expect([...made.triggers.values()].map((t) => t.notifications.map((n) => n.webhookId))).toEqual([[ratings!.id]]);

    // A change at the vendor arrives signed with the events webhook's secret, from the created webhook.
    const received: Request[] = [];
    const deliveries = createConfiguredWebhookSender(account, {
      fetch: async (url, init) => {
        received.push(new Request(url, init));
        return new Response(null, { status: 202 });
      },
    });
    const stop = deliveries.start();
    account.addTicket();
    await deliveries.settled();
    stop();
    const request = received.find((r) => r.headers.get('x-zendesk-webhook-id') === events!.id)!;
    const body = await request.text();
    const timestamp = request.headers.get('x-zendesk-webhook-signature-timestamp')!;
    expect(request.url).toBe(HOOK_URL);
    expect(request.headers.get('x-zendesk-webhook-signature')).toBe(
      signZendeskWebhook(installed.webhookSecrets[0]!, timestamp, body),
    );

    expect(await zendesk.setup!.uninstall(installed.hooks)).toEqual([]);
    expect([made.webhooks.size, made.triggers.size]).toEqual([0, 0]);
    // Already gone counts as removed.
    expect(await zendesk.setup!.uninstall(installed.hooks)).toEqual([]);
  });
});

describe("the connector's Freshdesk setup", () => {
  function freshdesk(options: { agentApiKey?: string } = {}) {
    const history = generateHistory({ seed: 9, tickets: 60, days: 10, now: Date.now() - 120_000 });
    const account = createSimulatedAccount({ vendor: 'freshdesk', history, clock: systemClock });
    server.use(...createFreshdeskHandlers(account, { baseUrl: FRESHDESK, ...options }));
    return account;
  }

  it('creates a rule on creation and one on updates sending its secret header, and deletes them', async () => {
    const account = freshdesk();
    const client = createFreshdeskClient({
      tenant: 'acme',
      baseUrl: FRESHDESK,
      clock: systemClock,
      apiKey: DEFAULT_FRESHDESK_API_KEY,
    });
    const url = 'https://connector.test/v1/webhooks/freshdesk/acme';
    const installed = await client.setup!.install(url);
    const rules = [...adminOf(account).rules.values()];
    expect(rules.map((r) => r.type)).toEqual([1, 4]);
    for (const rule of rules) {
      expect(rule.webhooks).toEqual([
        {
          url,
          content: '{"freshdesk_webhook": {"ticket_id": "{{ticket.id}}"}}',
          headers: { 'X-Frontline-Webhook-Secret': installed.webhookSecrets[0] },
        },
      ]);
    }
    expect(installed.manualSteps).toEqual([]);
    expect(await client.setup!.uninstall(installed.hooks)).toEqual([]);
    expect(adminOf(account).rules.size).toBe(0);
  });

  it('says what to click when the key may not change automations, with the secret it keeps', async () => {
    const account = freshdesk({ agentApiKey: 'agent-key-123' });
    const client = createFreshdeskClient({
      tenant: 'acme',
      baseUrl: FRESHDESK,
      clock: systemClock,
      apiKey: 'agent-key-123',
    });
    const installed = await client.setup!.install('https://connector.test/v1/webhooks/freshdesk/acme');
    expect(installed.hooks).toEqual([]);
    expect(adminOf(account).rules.size).toBe(0);
    expect(installed.manualSteps[0]).toBe('In Freshdesk, open Admin > Workflows > Automations.');
    expect(installed.manualSteps.join('\n')).toContain(`X-Frontline-Webhook-Secret: ${installed.webhookSecrets[0]}`);
  });
});
