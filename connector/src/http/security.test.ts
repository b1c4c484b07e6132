import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { aTicket, anAgent, at } from '@frontline/kpi/testing';
import type { Agent } from '@frontline/kpi';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashUserKey, SessionTokens, signJwt, signZendeskAppToken, zendeskWebhookSignature } from '../auth/index.js';
import type { Clock } from '../clock.js';
import type { Tenant } from '../store/sync-store.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';
import { FRESHDESK_APP_SECRET_HEADER } from './routes/auth-routes.js';
import { FRESHDESK_WEBHOOK_SECRET_HEADER } from './routes/webhook-routes.js';

const NOW = at('2026-11-20T15:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => {} };
const seconds = (ms: number) => Math.floor(ms / 1000);

const zendeskKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = (keys: typeof zendeskKeys) => keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const ZD_WEBHOOK_SECRET = `zd-whsec-${randomBytes(12).toString('hex')}`;
const ZD_RATINGS_SECRET = `zd-ratings-${randomBytes(12).toString('hex')}`;
const FD_WEBHOOK_SECRET = `fd-whsec-${randomBytes(12).toString('hex')}`;
const FD_APP_SECRET = `fd-app-${randomBytes(12).toString('hex')}`;
const LEAD_KEY = `lead-key-${randomBytes(12).toString('hex')}`;

/** Every refusal this file provokes, for the count printed at the end. */
const refusals: string[] = [];

describe('who may see what', () => {
  let api: ApiHarness;
  let zen: Tenant;
  const secretsSeen: string[] = [ZD_WEBHOOK_SECRET, ZD_RATINGS_SECRET, FD_WEBHOOK_SECRET, FD_APP_SECRET, LEAD_KEY];

  /** Asserts the refusal and that the try was logged without any secret in the log or the body. */
  const refused = (what: string, response: LightMyRequestResponse, status: number) => {
    refusals.push(what);
    expect(response.statusCode, what).toBe(status);
    expect(response.json().error.message.length, what).toBeGreaterThan(10);
    for (const secret of secretsSeen) expect(response.body, what).not.toContain(secret);
  };

  beforeEach(async () => {
    api = await openApiHarness(
      {
        agents: [anAgent('a1', 'Ann'), anAgent('a2', 'Bob'), anAgent('lead', 'Lee')],
        tickets: [aTicket({ id: 't1', assigneeId: 'a1', createdAt: at('2026-11-20T09:00:00Z') })],
      },
      clock,
    );
    await api.store.updateAccess('acme', { webhookSecrets: [FD_WEBHOOK_SECRET], appSecret: FD_APP_SECRET });
    await api.store.coaching.setRole(api.tenant.id, 'lead', 'lead');
    await api.store.saveUserKeyHash(api.tenant.id, 'lead', hashUserKey(LEAD_KEY));
    zen = await api.store.addTenant({
      name: 'zen',
      vendor: 'zendesk',
      baseUrl: 'https://zen.zendesk.com',
      credentials: { kind: 'zendesk-token', email: 'admin@zen.example', token: 'zd-token' },
      zigpoll: null,
    });
    zen = await api.store.updateAccess('zen', {
      webhookSecrets: [ZD_WEBHOOK_SECRET, ZD_RATINGS_SECRET],
      zendeskApp: { publicKeyPem: publicPem(zendeskKeys), audience: 'install-1', issuer: 'zen.zendesk.com' },
    });
    await api.store.addTenant({
      name: 'other',
      vendor: 'zendesk',
      baseUrl: 'https://other.zendesk.com',
      credentials: { kind: 'zendesk-token', email: 'admin@other.example', token: 'zd-token-2' },
      zigpoll: null,
    });
    await api.store.updateAccess('other', {
      zendeskApp: { publicKeyPem: publicPem(otherKeys), audience: 'install-9', issuer: 'other.zendesk.com' },
    });
    await api.store.savePage(
      zen.id,
      'seed',
      {
        agents: [anAgent('z1', 'Zoe'), anAgent('zl', 'Zed')],
        tickets: [
          {
            ticket: aTicket({ id: 'zt1', assigneeId: 'z1', createdAt: at('2026-11-20T10:00:00Z') }),
            updatedAt: 1,
            repliesKnown: true,
          },
        ],
      },
      { cursor: 's', done: true, reachedTime: null },
    );
    await api.store.coaching.setRole(zen.id, 'zl', 'lead');
  });

  afterEach(async () => {
    const logged = api.log.text;
    for (const secret of secretsSeen) expect(logged).not.toContain(secret);
    await api.close();
  });

  afterAll(() => {
    console.log(
      `security: ${refusals.length} refused attempts tried, each refused with its status and logged without secrets`,
    );
  });

  const appToken = (claims: Record<string, unknown>, keys = zendeskKeys) => {
    const token = signZendeskAppToken(
      { iss: 'zen.zendesk.com', aud: 'install-1', sub: 'z1', iat: seconds(NOW), exp: seconds(NOW) + 300, ...claims },
      keys.privateKey,
    );
    secretsSeen.push(token);
    return token;
  };
  const exchange = (token: string) => api.app.inject({ method: 'POST', url: '/v1/auth/zendesk', payload: { token } });

  describe('Zendesk sign-in (signed-URL token, RS256)', () => {
    it('gives a session for a token Zendesk signed, with the role Frontline keeps for the user', async () => {
      const agent = await exchange(appToken({}));
      expect(agent.statusCode).toBe(200);
      expect(agent.json()).toMatchObject({ tenant: 'zen', user: { id: 'z1', name: 'Zoe', role: 'agent' } });
      const dashboard = await api.app.inject({
        method: 'GET',
        url: '/v1/agents/me/dashboard',
        headers: { authorization: `Bearer ${agent.json().token}` },
      });
      expect(dashboard.json().periods.today.kpis.backlog.value).toBe(1);
      expect((await exchange(appToken({ sub: 'zl' }))).json().user.role).toBe('lead');
    });

    it('refuses forged, expired, early, wrong-audience, wrong-account and malformed tokens', async () => {
      refused('forged app token (another key)', await exchange(appToken({}, otherKeys)), 401);
      refused('expired app token', await exchange(appToken({ exp: seconds(NOW) - 120 })), 401);
      refused('app token not valid yet', await exchange(appToken({ nbf: seconds(NOW) + 600 })), 401);
      refused('wrong audience', await exchange(appToken({ aud: 'install-2' })), 401);
      refused(
        "wrong tenant: other account's issuer, our key",
        await exchange(appToken({ iss: 'other.zendesk.com' })),
        401,
      );
      refused('unknown account', await exchange(appToken({ iss: 'nobody.zendesk.com' })), 401);
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'zen.zendesk.com', aud: 'install-1', sub: 'zl', exp: seconds(NOW) + 60 })).toString('base64url')}.`;
      refused('alg none', await exchange(none), 401);
      const confused = signJwt(
        { iss: 'zen.zendesk.com', aud: 'install-1', sub: 'zl', exp: seconds(NOW) + 60 },
        { alg: 'HS256', secret: Buffer.from(publicPem(zendeskKeys)) },
      );
      refused('HS256 signed with the public key', await exchange(confused), 401);
      refused('garbage token', await exchange('not.a.token'), 401);
      refused('missing token', await api.app.inject({ method: 'POST', url: '/v1/auth/zendesk', payload: {} }), 400);
      expect(api.log.lines.filter((l) => l.includes('sign-in refused')).length).toBeGreaterThanOrEqual(9);
    });

    it('refuses a user Zendesk signed who is not an agent or admin of the account', async () => {
      const endUser = await exchange(appToken({ sub: 'r-1' }));
      refused('Zendesk sign-in as an end-user of the account', endUser, 403);
      expect(endUser.json().error.message).toMatch(
        /^user r-1 is not an agent of this Zendesk account \(as last synced\)/,
      );
    });

    it('never takes an agent id from a proxy-minted secure-setting token', async () => {
      // HS256 with the shared secret, claims written by the browser: proves the account only.
      const minted = signJwt(
        { iss: 'zen.zendesk.com', aud: 'install-1', sub: 'zl', exp: seconds(NOW) + 60 },
        { alg: 'HS256', secret: randomBytes(32) },
      );
      refused('secure-setting JWT offered as identity', await exchange(minted), 401);
    });
  });

  describe('sessions', () => {
    const get = (url: string, token?: string) =>
      api.app.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

    it('refuses a missing, forged or expired session token', async () => {
      refused('no session token', await get('/v1/agents/me/dashboard'), 401);
      const forged = signJwt(
        {
          iss: 'frontline',
          aud: 'frontline-session',
          sub: 'lead',
          tid: api.tenant.id,
          role: 'admin',
          exp: seconds(NOW) + 60,
        },
        { alg: 'HS256', secret: randomBytes(32) },
      );
      refused('forged session token', await get('/v1/team', forged), 401);
      const expired = new SessionTokens(api.sessionKey, () => NOW - 16 * 60_000).issue({
        tenantId: api.tenant.id,
        userId: 'a1',
        role: 'agent',
      });
      refused('expired session token (16 minutes old)', await get('/v1/agents/me/dashboard', expired.token), 401);
      const real = await exchange(appToken({}));
      refused(
        'session of a removed account',
        await get(
          '/v1/agents/me/dashboard',
          api.tokenFor('z1', 'agent', { ...zen, id: '00000000-0000-4000-8000-000000000000' }),
        ),
        401,
      );
      refused(
        'token in the query string off the stream route',
        await get(`/v1/agents/me/dashboard?access_token=${real.json().token}`),
        401,
      );
    });

    it('keeps an agent to their own numbers and notes', async () => {
      refused(
        "agent asks another agent's dashboard",
        await api.as('a1', 'agent', { method: 'GET', url: '/v1/agents/a2/dashboard' }),
        403,
      );
      refused(
        "agent asks another agent's drill-down",
        await api.as('a1', 'agent', { method: 'GET', url: '/v1/agents/a2/kpis/csat/tickets' }),
        403,
      );
      refused(
        "agent asks another agent's notes",
        await api.as('a1', 'agent', { method: 'GET', url: '/v1/notes?agentId=a2' }),
        403,
      );
      refused('agent asks the team view', await api.as('a1', 'agent', { method: 'GET', url: '/v1/team' }), 403);
      refused(
        'agent sets a target',
        await api.as('a1', 'agent', { method: 'PUT', url: '/v1/targets/csat', payload: { green: 0.9, amber: 0.8 } }),
        403,
      );
    });

    it("keeps a lead of one account out of another's", async () => {
      const zenLead = api.tokenFor('zl', 'lead', zen);
      const asZenLead = (url: string) =>
        api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${zenLead}` } });
      refused("lead of zen asks acme's agent", await asZenLead('/v1/agents/a1/dashboard'), 404);
      const team = (await asZenLead('/v1/team')).json();
      expect(team.agents.map((r: { agent: { id: string } }) => r.agent.id).sort()).toEqual(['z1', 'zl']);
      expect((await asZenLead('/v1/notes?agentId=a1')).json().notes).toEqual([]);
      const acmeNote = (
        await api.as('lead', 'lead', {
          method: 'POST',
          url: '/v1/notes',
          payload: { agentId: 'a1', body: 'private to acme' },
        })
      ).json();
      refused(
        "lead of zen acknowledges acme's note",
        await api.app.inject({
          method: 'POST',
          url: `/v1/notes/${acmeNote.id}/acknowledge`,
          headers: { authorization: `Bearer ${zenLead}` },
        }),
        404,
      );
      refused(
        "lead of zen edits acme's note",
        await api.app.inject({
          method: 'PATCH',
          url: `/v1/notes/${acmeNote.id}`,
          payload: { body: 'x' },
          headers: { authorization: `Bearer ${zenLead}` },
        }),
        404,
      );
      refused("lead of zen drills into acme's ticket list", await asZenLead('/v1/agents/a1/kpis/solved/tickets'), 404);
    });
  });

  describe('refresh', () => {
    const refresh = (token: string) =>
      api.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { authorization: `Bearer ${token}` } });
    const team = (token: string) =>
      api.app.inject({ method: 'GET', url: '/v1/team', headers: { authorization: `Bearer ${token}` } });
    const freshdeskSignIn = async (body: Record<string, unknown>) =>
      (
        await api.app.inject({
          method: 'POST',
          url: '/v1/auth/freshdesk',
          payload: body,
          headers: { [FRESHDESK_APP_SECRET_HEADER]: FD_APP_SECRET },
        })
      ).json<{ token: string; user: { role: string } }>();

    it("gives a demoted Zendesk lead an agent's token, and a promoted agent a lead's", async () => {
      const signedIn = (await exchange(appToken({ sub: 'zl' }))).json<{ token: string; user: { role: string } }>();
      expect(signedIn.user.role).toBe('lead');
      await api.store.coaching.setRole(zen.id, 'zl', 'agent');
      const renewed = await refresh(signedIn.token);
      expect(renewed.statusCode).toBe(200);
      expect(renewed.json().user).toEqual({ id: 'zl', name: 'Zed', role: 'agent' });
      refused('team view on the token a demoted lead refreshed', await team(renewed.json().token), 403);
      await api.store.coaching.setRole(zen.id, 'zl', 'lead');
      expect((await refresh(renewed.json().token)).json().user.role).toBe('lead');
    });

    it('makes a Zendesk admin a Frontline admin, and an agent again once the agents sync says Zendesk demoted them', async () => {
      const headline = (token: string) =>
        api.app.inject({
          method: 'PUT',
          url: '/v1/settings/headline',
          headers: { authorization: `Bearer ${token}` },
          payload: { headline: ['csat', 'backlog'] },
        });
      const syncAgents = (agents: Agent[]) =>
        api.store.savePage(zen.id, 'agents', { agents }, { cursor: '', done: true, reachedTime: null });
      await syncAgents([{ ...anAgent('za', 'Ada'), administersHelpdesk: true }]);
      const signedIn = (await exchange(appToken({ sub: 'za' }))).json<{ token: string; user: unknown }>();
      expect(signedIn.user).toEqual({ id: 'za', name: 'Ada', role: 'admin' });
      expect((await headline(signedIn.token)).statusCode).toBe(200);
      await syncAgents([anAgent('za', 'Ada')]);
      // The API learns of the sync's write through the change feed, as from a worker.
      await expect.poll(async () => (await refresh(signedIn.token)).json().user.role).toBe('agent');
      const demoted = (await refresh(signedIn.token)).json<{ token: string; user: unknown }>();
      expect(demoted.user).toEqual({ id: 'za', name: 'Ada', role: 'agent' });
      refused('headline change on the token a demoted Zendesk admin refreshed', await headline(demoted.token), 403);
      // A role Frontline keeps for the user wins over the helpdesk's, either way.
      await syncAgents([{ ...anAgent('za', 'Ada'), administersHelpdesk: true }]);
      await api.store.coaching.setRole(zen.id, 'za', 'lead');
      expect((await refresh(demoted.token)).json().user.role).toBe('lead');
    });

    it('on Freshdesk, follows the stored role of a lead who gave the personal key, and never raises an agent session', async () => {
      const withKey = await freshdeskSignIn({ tenant: 'acme', agentId: 'lead', userKey: LEAD_KEY });
      const withoutKey = await freshdeskSignIn({ tenant: 'acme', agentId: 'lead' });
      expect([withKey.user.role, withoutKey.user.role]).toEqual(['lead', 'agent']);
      // Signed in as an agent (no key): still an agent after a refresh, though the store says lead.
      expect((await refresh(withoutKey.token)).json().user.role).toBe('agent');
      await api.store.coaching.setRole(api.tenant.id, 'lead', 'agent');
      const demoted = (await refresh(withKey.token)).json<{ token: string; user: { role: string } }>();
      expect(demoted.user.role).toBe('agent');
      refused('team view on the token a demoted Freshdesk lead refreshed', await team(demoted.token), 403);
      // And a demoted session is not raised back by a refresh: it has no key to prove.
      await api.store.coaching.setRole(api.tenant.id, 'lead', 'lead');
      expect((await refresh(demoted.token)).json().user.role).toBe('agent');
    });

    it('refuses the refresh of a user who is not an agent of the account', async () => {
      const response = await refresh(api.tokenFor('requester-7', 'lead'));
      refused('refresh by a user who is not an agent of the account', response, 403);
      expect(response.json().error.message).toBe(
        'user requester-7 is not an agent of this Freshdesk account (as last synced): an admin of the account ' +
          'can make them an agent or admin in Freshdesk; the next sync brings the change',
      );
    });

    it('keeps a sign-in alive through refreshes for 12 hours, then asks to sign in again', async () => {
      // A session signed in at `signedIn` and renewed until a minute ago (under a longer limit).
      const chainFrom = (signedIn: number) => {
        let now = signedIn;
        const tokens = new SessionTokens(api.sessionKey, () => now, 15 * 60_000, 48 * 3_600_000);
        const first = tokens.verify(tokens.issue({ tenantId: api.tenant.id, userId: 'a1', role: 'agent' }).token);
        now = NOW - 60_000;
        return tokens.renew(first, 'agent').token;
      };
      const young = await refresh(chainFrom(NOW - 11 * 3_600_000 - 59 * 60_000));
      expect(young.statusCode).toBe(200);
      // Its last token ends with the chain, 12 h after sign-in: a minute from now.
      expect(young.json().expiresAt).toBe('2026-11-20T15:01:00.000Z');
      const old = await refresh(chainFrom(NOW - 12 * 3_600_000));
      refused('refresh of a sign-in 12 hours old', old, 401);
      expect(old.json().error.message).toBe(
        'the session began more than 12 h ago, the longest refreshes keep a sign-in alive: ' +
          'sign in again: reload the app, so the helpdesk signs it anew',
      );
      expect(api.log.lines.some((l) => l.includes('session_too_old'))).toBe(true);
    });
  });

  describe('Freshdesk sign-in (request template with the secure installation parameter)', () => {
    const signIn = (body: Record<string, unknown>, secret?: string) =>
      api.app.inject({
        method: 'POST',
        url: '/v1/auth/freshdesk',
        payload: body,
        headers: secret === undefined ? {} : { [FRESHDESK_APP_SECRET_HEADER]: secret },
      });

    it('gives an agent session for an agent of the account, and a lead session only with the personal key', async () => {
      expect((await signIn({ tenant: 'acme', agentId: 'a1' }, FD_APP_SECRET)).json().user).toEqual({
        id: 'a1',
        name: 'Ann',
        role: 'agent',
      });
      expect((await signIn({ tenant: 'acme', agentId: 'lead' }, FD_APP_SECRET)).json().user.role).toBe('agent');
      expect(
        (await signIn({ tenant: 'acme', agentId: 'lead', userKey: LEAD_KEY }, FD_APP_SECRET)).json().user.role,
      ).toBe('lead');
    });

    it('refuses a wrong secret, an unknown account, a non-agent and a wrong personal key', async () => {
      refused('Freshdesk sign-in without the app secret', await signIn({ tenant: 'acme', agentId: 'a1' }), 401);
      refused(
        'Freshdesk sign-in with a wrong app secret',
        await signIn({ tenant: 'acme', agentId: 'a1' }, 'guess'),
        401,
      );
      refused(
        'Freshdesk sign-in for an unknown account',
        await signIn({ tenant: 'nope', agentId: 'a1' }, FD_APP_SECRET),
        401,
      );
      refused(
        'Freshdesk sign-in as a Zendesk account',
        await signIn({ tenant: 'zen', agentId: 'z1' }, FD_APP_SECRET),
        401,
      );
      refused(
        'Freshdesk sign-in as someone who is not an agent',
        await signIn({ tenant: 'acme', agentId: 'requester-7' }, FD_APP_SECRET),
        403,
      );
      refused(
        'Freshdesk lead sign-in with a wrong personal key',
        await signIn({ tenant: 'acme', agentId: 'lead', userKey: 'guess' }, FD_APP_SECRET),
        401,
      );
    });
  });

  describe('webhooks', () => {
    const zendeskEvent = (ticketId: string) =>
      JSON.stringify({
        type: 'zen:event-type:ticket.status_changed',
        account_id: 1,
        id: randomBytes(8).toString('hex'),
        time: new Date(NOW).toISOString(),
        zendesk_event_version: '2022-11-06',
        subject: `zen:ticket:${ticketId}`,
        detail: { id: ticketId, status: 'SOLVED' },
        event: { previous: 'OPEN', current: 'SOLVED' },
      });
    const sendZendesk = (
      body: string,
      options: { tenant?: string; secret?: string; time?: number; signature?: string } = {},
    ) => {
      const timestamp = new Date(options.time ?? NOW).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return api.app.inject({
        method: 'POST',
        url: `/v1/webhooks/zendesk/${options.tenant ?? 'zen'}`,
        payload: body,
        headers: {
          'content-type': 'application/json',
          'x-zendesk-webhook-id': 'wh-1',
          'x-zendesk-webhook-signature-timestamp': timestamp,
          'x-zendesk-webhook-signature':
            options.signature ?? zendeskWebhookSignature(options.secret ?? ZD_WEBHOOK_SECRET, timestamp, body),
        },
      });
    };

    it('queues a refresh of the ticket for a signed Zendesk event and a Freshdesk rule', async () => {
      const zendesk = await sendZendesk(zendeskEvent('101'));
      expect(zendesk.statusCode).toBe(202);
      // The ratings trigger's webhook has a secret of its own and a body the admin writes.
      const rating = await sendZendesk(JSON.stringify({ ticket_id: '102', satisfaction: 'Bad' }), {
        secret: ZD_RATINGS_SECRET,
      });
      expect(rating.statusCode).toBe(202);
      const freshdesk = await api.app.inject({
        method: 'POST',
        url: '/v1/webhooks/freshdesk/acme',
        payload: { freshdesk_webhook: { ticket_id: 202, ticket_status: 'Resolved' } },
        headers: { [FRESHDESK_WEBHOOK_SECRET_HEADER]: FD_WEBHOOK_SECRET },
      });
      expect(freshdesk.statusCode).toBe(202);
      expect(api.queued).toEqual([
        { kind: 'refresh-ticket', tenant: 'zen', ticketId: '101' },
        { kind: 'refresh-ticket', tenant: 'zen', ticketId: '102' },
        { kind: 'refresh-ticket', tenant: 'acme', ticketId: '202' },
      ]);
    });

    it('refuses a signed webhook that names no ticket id with 400 saying what to send, and queues nothing', async () => {
      const bogus = await sendZendesk(zendeskEvent('../admin'));
      expect(bogus.statusCode).toBe(400);
      expect(bogus.json().error.message).toBe(
        'the webhook names no ticket (subject: expected a ticket id (a whole number from 1), got "../admin"): ' +
          'ticket events name it as "subject": "zen:ticket:<id>"',
      );
      const unrendered = await sendZendesk(JSON.stringify({ ticket_id: '{{ticket.id}}' }), {
        secret: ZD_RATINGS_SECRET,
      });
      expect(unrendered.statusCode).toBe(400);
      expect(unrendered.json().error.message).toMatch(/trigger body \{"ticket_id": "\{\{ticket\.id\}\}"\}$/);
      const freshdesk = await api.app.inject({
        method: 'POST',
        url: '/v1/webhooks/freshdesk/acme',
        payload: { freshdesk_webhook: { ticket_id: 0 } },
        headers: { [FRESHDESK_WEBHOOK_SECRET_HEADER]: FD_WEBHOOK_SECRET },
      });
      expect(freshdesk.statusCode).toBe(400);
      expect(freshdesk.json().error.message).toMatch(/^the webhook names no ticket \(freshdesk_webhook\.ticket_id:/);
      // Each would cost a vendor request that can only fail.
      for (const ticketId of ['abc', '12abc', -5, 1.5, '007', '1e3', ' 5', '99999999999999999']) {
        const bogus = await api.app.inject({
          method: 'POST',
          url: '/v1/webhooks/freshdesk/acme',
          payload: { freshdesk_webhook: { ticket_id: ticketId } },
          headers: { [FRESHDESK_WEBHOOK_SECRET_HEADER]: FD_WEBHOOK_SECRET },
        });
        expect(bogus.statusCode, JSON.stringify(ticketId)).toBe(400);
      }
      expect(api.queued).toEqual([]);
    });

    it('refuses forged, stale, replayed and re-signed webhooks, and unknown accounts', async () => {
      const body = zendeskEvent('7');
      refused(
        'forged webhook signature',
        await sendZendesk(body, { signature: Buffer.from('x'.repeat(32)).toString('base64') }),
        401,
      );
      refused('webhook re-signed with another secret', await sendZendesk(body, { secret: 'not-the-secret' }), 401);
      refused('stale webhook (6 minutes old)', await sendZendesk(body, { time: NOW - 6 * 60_000 }), 401);
      refused('webhook from the future', await sendZendesk(body, { time: NOW + 6 * 60_000 }), 401);
      const tampered = await sendZendesk(body, {
        signature: zendeskWebhookSignature(
          ZD_WEBHOOK_SECRET,
          new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          zendeskEvent('8'),
        ),
      });
      refused('webhook body changed after signing', tampered, 401);
      expect((await sendZendesk(body)).statusCode).toBe(202);
      refused('replayed webhook', await sendZendesk(body), 409);
      refused('webhook for an unknown account', await sendZendesk(body, { tenant: 'nobody' }), 401);
      refused('webhook for an account with no secret set', await sendZendesk(body, { tenant: 'other' }), 401);
      refused('Zendesk webhook sent to a Freshdesk account', await sendZendesk(body, { tenant: 'acme' }), 401);
      const freshdesk = (secret?: string) =>
        api.app.inject({
          method: 'POST',
          url: '/v1/webhooks/freshdesk/acme',
          payload: { freshdesk_webhook: { ticket_id: 5 } },
          headers: secret === undefined ? {} : { [FRESHDESK_WEBHOOK_SECRET_HEADER]: secret },
        });
      refused('Freshdesk webhook without its secret', await freshdesk(), 401);
      refused('Freshdesk webhook with a wrong secret', await freshdesk('guess'), 401);
      expect(api.queued).toEqual([{ kind: 'refresh-ticket', tenant: 'zen', ticketId: '7' }]);
      expect(api.log.lines.filter((l) => l.includes('webhook refused')).length).toBe(11);
    });

    it('answers an unknown account as it answers a known one with a bad signature, so accounts cannot be listed', async () => {
      const body = zendeskEvent('9');
      const forged = Buffer.from('y'.repeat(32)).toString('base64');
      const answers = {
        unknown: await sendZendesk(body, { tenant: 'nobody', signature: forged }),
        wrongVendor: await sendZendesk(body, { tenant: 'acme', signature: forged }),
        noSecret: await sendZendesk(body, { tenant: 'other', signature: forged }),
        badSignature: await sendZendesk(body, { signature: forged }),
        freshdeskUnknown: await api.app.inject({
          method: 'POST',
          url: '/v1/webhooks/freshdesk/nobody',
          payload: { freshdesk_webhook: { ticket_id: 5 } },
          headers: { [FRESHDESK_WEBHOOK_SECRET_HEADER]: 'guess' },
        }),
        freshdeskBadSecret: await api.app.inject({
          method: 'POST',
          url: '/v1/webhooks/freshdesk/acme',
          payload: { freshdesk_webhook: { ticket_id: 5 } },
          headers: { [FRESHDESK_WEBHOOK_SECRET_HEADER]: 'guess' },
        }),
      };
      const seen = Object.entries(answers).map(([what, response]) => ({
        what,
        status: response.statusCode,
        body: response.body,
        type: response.headers['content-type'],
      }));
      const first = seen[0]!;
      expect(first.status).toBe(401);
      expect(JSON.parse(first.body).error.message).toMatch(/^the webhook could not be verified: check that its URL/);
      for (const answer of seen) {
        expect({ ...answer, what: first.what }, answer.what).toEqual(first);
      }
      // The operator still learns which it was.
      const reasons = api.log.lines
        .filter((l) => l.includes('webhook refused'))
        .map((l) => JSON.parse(l) as { reason: string; tenant: string | null });
      expect(reasons.map((r) => [r.tenant, r.reason])).toEqual([
        [null, 'unknown_tenant'],
        ['acme', 'wrong_vendor'],
        ['other', 'no_secret'],
        ['zen', 'bad_signature'],
        [null, 'unknown_tenant'],
        ['acme', 'bad_secret'],
      ]);
      expect(api.queued).toEqual([]);
    });
  });
});
