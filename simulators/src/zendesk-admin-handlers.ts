/**
 * The Zendesk endpoints an app's Connect uses (shared/reference/zendesk.md §5 and §10): the OAuth
 * authorization-code flow (consent page, code, token, revocation), the app's public key, and the
 * Webhooks and Triggers APIs, admin only. What they create is kept in the account's
 * {@link AccountAdmin}, through which the configured-webhook sender delivers.
 * UNSURE: the reference has no OAuth section; the paths, parameters and error codes are Zendesk's
 * documented ones (`/oauth/authorizations/new`, `/oauth/tokens`, `invalid_grant`).
 */
import { ZENDESK_FORBIDDEN } from './zendesk-forbidden.js';
import { createHash } from 'node:crypto';
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SimulatedAccount } from './account.js';
import {
  adminOf,
  randomToken,
  ulidLike,
  type Condition,
  type CreatedTrigger,
  type CreatedWebhook,
} from './account-admin.js';
import type { RouteResult, RouteSpec, VendorDialect } from './request-gate.js';

export interface ZendeskOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The agent (index in the history) logged in to Zendesk at the consent page; default 0, the admin. */
  readonly signedInAgent?: number;
}

export interface ZendeskAdminContext {
  readonly origin: string;
  readonly vendor: VendorDialect;
  /** The role the request's credentials sign in as. */
  roleOf(request: Request): string | null;
  route(name: string): RouteSpec;
  readonly oauth?: ZendeskOAuthClient;
  readonly app?: { readonly appId: number; readonly publicKeyPem: string };
}

const CODE_TTL_SEC = 120;
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const html = (status: number, body: string) =>
  new HttpResponse(
    `<!doctype html><html><head><meta charset="utf-8"><title>Zendesk</title></head><body>${body}</body></html>`,
    {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    },
  );

const invalid = (title: string, detail: string): RouteResult => ({
  status: 400,
  body: { errors: [{ code: 'InvalidValue', title, detail }] },
});

async function formOrJson(request: Request): Promise<Record<string, string>> {
  const text = await request.text();
  if ((request.headers.get('content-type') ?? '').includes('application/json')) {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export function createZendeskAdminHandlers(
  account: SimulatedAccount<'zendesk'>,
  ctx: ZendeskAdminContext,
): HttpHandler[] {
  const admin = adminOf(account);
  const { origin, vendor } = ctx;
  const nowSec = () => Math.floor(account.clock.now() / 1000);
  const iso = () => new Date(account.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const gate = account.gate;
  const adminOnly = (request: Request, name: string, produce: () => RouteResult | Promise<RouteResult>) =>
    gate.handle(request, vendor, ctx.route(name), () =>
      ctx.roleOf(request) === 'admin' ? produce() : ZENDESK_FORBIDDEN,
    );
  const paths = (path: string) => [`${origin}${path}`, `${origin}${path}.json`];

  const webhookJson = (w: CreatedWebhook) => ({
    id: w.id,
    name: w.name,
    status: w.status,
    endpoint: w.endpoint,
    http_method: 'POST',
    request_format: 'json',
    subscriptions: w.subscriptions,
    created_at: w.createdAt,
    updated_at: w.createdAt,
  });
  const triggerJson = (t: CreatedTrigger) => ({
    id: t.id,
    ...t.raw,
    active: t.active,
    created_at: t.createdAt,
    updated_at: t.createdAt,
  });

  function createWebhook(body: unknown): RouteResult {
    const webhook = (body as { webhook?: Record<string, unknown> } | null)?.webhook;
    if (webhook === undefined || typeof webhook !== 'object')
      return invalid('Invalid webhook', 'expected {"webhook": {...}}');
    const { name, endpoint, http_method: method, request_format: format, subscriptions, status } = webhook;
    if (typeof name !== 'string' || name === '') return invalid('Invalid name', 'name is required');
    if (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint))
      return invalid('Invalid endpoint', 'endpoint must be a URL');
    if (
      !Array.isArray(subscriptions) ||
      subscriptions.length === 0 ||
      !subscriptions.every((s) => typeof s === 'string')
    ) {
      return invalid('Invalid subscriptions', 'subscriptions must list event types or conditional_ticket_events');
    }
    const conditional = subscriptions.includes('conditional_ticket_events');
    if (conditional && subscriptions.length > 1) {
      return invalid('Invalid subscriptions', 'conditional_ticket_events cannot be combined with event types');
    }
    if (!conditional && !subscriptions.every((s: string) => s.startsWith('zen:event-type:'))) {
      return invalid('Invalid subscriptions', 'unknown subscription');
    }
    if (!conditional && (method !== 'POST' || format !== 'json')) {
      return invalid('Invalid http_method', 'event subscriptions need http_method POST and request_format json');
    }
    const created: CreatedWebhook = {
      id: ulidLike(),
      name,
      status: status === 'inactive' ? 'inactive' : 'active',
      endpoint,
      subscriptions: subscriptions as string[],
      secret: randomToken(),
      createdAt: iso(),
    };
    admin.webhooks.set(created.id, created);
    return { status: 201, body: { webhook: webhookJson(created) } };
  }

  function createTrigger(body: unknown): RouteResult {
    const trigger = (body as { trigger?: Record<string, unknown> } | null)?.trigger;
    const unprocessable = (description: string): RouteResult => ({
      status: 422,
      body: { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description }] } },
    });
    if (trigger === undefined || typeof trigger.title !== 'string') return unprocessable('Title: cannot be blank');
    const conditions = (trigger.conditions ?? {}) as { all?: Condition[]; any?: Condition[] };
    const actions = Array.isArray(trigger.actions) ? (trigger.actions as { field?: unknown; value?: unknown }[]) : [];
    if (actions.length === 0) return unprocessable('Actions: cannot be blank');
    const notifications: { webhookId: string; body: string }[] = [];
    for (const action of actions) {
      if (action.field !== 'notification_webhook') continue;
      const [webhookId, template] = Array.isArray(action.value) ? (action.value as unknown[]) : [];
      const webhook = typeof webhookId === 'string' ? admin.webhooks.get(webhookId) : undefined;
      if (webhook === undefined || !webhook.subscriptions.includes('conditional_ticket_events')) {
        return unprocessable('Notify webhook: the webhook does not exist or is not connected to triggers');
      }
      notifications.push({ webhookId: webhook.id, body: typeof template === 'string' ? template : '' });
    }
    const created: CreatedTrigger = {
      id: admin.nextId(),
      title: trigger.title,
      active: trigger.active !== false,
      conditions: { all: conditions.all ?? [], any: conditions.any ?? [] },
      notifications,
      raw: { title: trigger.title, conditions, actions },
      createdAt: iso(),
    };
    admin.triggers.set(created.id, created);
    return { status: 201, body: { trigger: triggerJson(created) } };
  }

  const handlers: HttpHandler[] = [
    ...paths('/api/v2/webhooks').flatMap((path) => [
      http.post(path, async ({ request }) => {
        const body = await request.json().catch(() => null);
        return adminOnly(request, 'create-webhook', () => createWebhook(body));
      }),
      http.get(path, ({ request }) =>
        adminOnly(request, 'list-webhooks', () => ({
          status: 200,
          body: { webhooks: [...admin.webhooks.values()].map(webhookJson), meta: { has_more: false }, links: {} },
        })),
      ),
    ]),
    http.get(`${origin}/api/v2/webhooks/:id/signing_secret`, ({ request, params }) =>
      adminOnly(request, 'webhook-signing-secret', () => {
        const webhook = admin.webhooks.get(String(params.id));
        return webhook === undefined
          ? { status: 404, body: { errors: [{ code: 'RecordNotFound', title: 'Not found' }] } }
          : { status: 200, body: { signing_secret: { algorithm: 'SHA256', secret: webhook.secret } } };
      }),
    ),
    http.post(`${origin}/api/v2/webhooks/:id/signing_secret`, ({ request, params }) =>
      adminOnly(request, 'reset-webhook-signing-secret', () => {
        const webhook = admin.webhooks.get(String(params.id));
        if (webhook === undefined)
          return { status: 404, body: { errors: [{ code: 'RecordNotFound', title: 'Not found' }] } };
        webhook.secret = randomToken();
        return { status: 200, body: { signing_secret: { algorithm: 'SHA256', secret: webhook.secret } } };
      }),
    ),
    http.get(`${origin}/api/v2/webhooks/:id`, ({ request, params }) =>
      adminOnly(request, 'show-webhook', () => {
        const webhook = admin.webhooks.get(String(params.id));
        return webhook === undefined
          ? { status: 404, body: { errors: [{ code: 'RecordNotFound', title: 'Not found' }] } }
          : { status: 200, body: { webhook: webhookJson(webhook) } };
      }),
    ),
    http.delete(`${origin}/api/v2/webhooks/:id`, ({ request, params }) =>
      adminOnly(request, 'delete-webhook', () => {
        const id = String(params.id);
        if (!admin.webhooks.delete(id))
          return { status: 404, body: { errors: [{ code: 'RecordNotFound', title: 'Not found' }] } };
        return { status: 204, body: null };
      }),
    ),
    ...paths('/api/v2/triggers').flatMap((path) => [
      http.post(path, async ({ request }) => {
        const body = await request.json().catch(() => null);
        return adminOnly(request, 'create-trigger', () => createTrigger(body));
      }),
      http.get(path, ({ request }) =>
        adminOnly(request, 'list-triggers', () => ({
          status: 200,
          body: {
            triggers: [...admin.triggers.values()].map(triggerJson),
            next_page: null,
            previous_page: null,
            count: admin.triggers.size,
          },
        })),
      ),
    ]),
    ...paths('/api/v2/triggers/:id').map((path) =>
      http.delete(path, ({ request, params }) =>
        adminOnly(request, 'delete-trigger', () =>
          admin.triggers.delete(Number(String(params.id).replace(/\.json$/, '')))
            ? { status: 204, body: null }
            : { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } },
        ),
      ),
    ),
    ...paths('/api/v2/oauth/tokens/current').map((path) =>
      http.delete(path, ({ request }) =>
        gate.handle(request, vendor, ctx.route('revoke-oauth-token'), () => {
          const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
          if (bearer === undefined || !admin.tokens.delete(bearer)) {
            return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
          }
          admin.revoked.add(bearer);
          return { status: 204, body: null };
        }),
      ),
    ),
  ];

  if (ctx.app !== undefined) {
    const app = ctx.app;
    handlers.push(
      http.get(`${origin}/api/v2/apps/:appId/public_key.pem`, ({ request, params }) =>
        gate.handle(request, vendor, ctx.route('app-public-key'), () =>
          String(params.appId) === String(app.appId)
            ? { status: 200, body: app.publicKeyPem, headers: { 'content-type': 'application/x-pem-file' } }
            : { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } },
        ),
      ),
    );
  }

  if (ctx.oauth !== undefined) handlers.push(...oauthHandlers(account, ctx, ctx.oauth));
  return handlers;

  function oauthHandlers(
    acc: SimulatedAccount<'zendesk'>,
    c: ZendeskAdminContext,
    client: ZendeskOAuthClient,
  ): HttpHandler[] {
    const agentIndex = client.signedInAgent ?? 0;
    return [
      http.get(`${c.origin}/oauth/authorizations/new`, ({ request }) => {
        const url = new URL(request.url);
        const q = Object.fromEntries(url.searchParams);
        if (q.response_type !== 'code') return html(400, '<h1>Invalid request</h1><p>response_type must be code.</p>');
        if (q.client_id !== client.clientId)
          return html(400, '<h1>Invalid client</h1><p>No OAuth client with this unique identifier.</p>');
        if (!q.redirect_uri) return html(400, '<h1>Invalid request</h1><p>redirect_uri is required.</p>');
        const agent = acc.history.agents[agentIndex];
        const hidden = Object.entries(q)
          .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
          .join('');
        return html(
          200,
          `<h1>Allow access?</h1><p>${escapeHtml(client.clientId)} is asking for access to your Zendesk account: ` +
            `${escapeHtml(q.scope ?? 'read')}.</p><p>Signed in as ${escapeHtml(agent?.name ?? 'you')}.</p>` +
            `<form method="post" action="${c.origin === '*' ? url.origin : c.origin}/oauth/authorizations">${hidden}` +
            '<button type="submit" name="decision" value="allow">Allow</button> ' +
            '<button type="submit" name="decision" value="deny">Cancel</button></form>',
        );
      }),
      http.post(`${c.origin}/oauth/authorizations`, async ({ request }) => {
        const form = Object.fromEntries(new URLSearchParams(await request.text()));
        const redirect = new URL(form.redirect_uri ?? '');
        if (form.state !== undefined) redirect.searchParams.set('state', form.state);
        if (form.decision !== 'allow') {
          redirect.searchParams.set('error', 'access_denied');
          redirect.searchParams.set('error_description', 'The end-user or authorization server denied the request.');
        } else {
          const code = randomToken();
          admin.codes.set(code, {
            clientId: form.client_id ?? '',
            redirectUri: form.redirect_uri ?? '',
            challenge: form.code_challenge ?? null,
            agentIndex,
            expiresAtSec: nowSec() + CODE_TTL_SEC,
          });
          redirect.searchParams.set('code', code);
        }
        return new HttpResponse(null, { status: 302, headers: { location: redirect.href } });
      }),
      http.post(`${c.origin}/oauth/tokens`, async ({ request }) => {
        const grant = await formOrJson(request).catch(() => ({}) as Record<string, string>);
        const refuse = (status: number, error: string, description: string) =>
          HttpResponse.json({ error, error_description: description }, { status });
        if (grant.client_id !== client.clientId || grant.client_secret !== client.clientSecret) {
          return refuse(401, 'invalid_client', 'Client authentication failed.');
        }
        if (grant.grant_type !== 'authorization_code')
          return refuse(400, 'unsupported_grant_type', 'Only authorization_code.');
        const code = grant.code === undefined ? undefined : admin.codes.get(grant.code);
        if (grant.code !== undefined) admin.codes.delete(grant.code);
        if (code === undefined || code.expiresAtSec < nowSec() || code.clientId !== grant.client_id) {
          return refuse(400, 'invalid_grant', 'The provided authorization grant is invalid, expired or revoked.');
        }
        if (code.redirectUri !== grant.redirect_uri)
          return refuse(400, 'invalid_grant', 'The redirect_uri does not match.');
        if (code.challenge !== null) {
          const verifier = grant.code_verifier ?? '';
          if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
            return refuse(400, 'invalid_grant', 'The code_verifier does not match the code_challenge.');
          }
        }
        const token = randomToken();
        admin.tokens.set(token, code.agentIndex);
        return HttpResponse.json({ access_token: token, token_type: 'bearer', scope: 'read write' });
      }),
    ];
  }
}
