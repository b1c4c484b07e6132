/**
 * Freshdesk's Automations API as Connect uses it: rules with a "Trigger webhook" action, listed,
 * read, created, updated and deleted at /api/v2/automations/{type}/rules (1 ticket creation,
 * 4 ticket updates, 3 time triggers). Admin keys only. What they create is kept in the account's
 * {@link AccountAdmin}, through which the configured-webhook sender delivers.
 * UNSURE: beyond the paths (a public v2 client uses exactly these), the rule and action fields
 * are the rule editor's, as the reference does not list them.
 */
import { http, type HttpHandler } from 'msw';
import type { SimulatedAccount } from './account.js';
import { adminOf, type CreatedRule } from './account-admin.js';
import type { RouteResult, RouteSpec, VendorDialect } from './request-gate.js';

export interface FreshdeskAdminContext {
  readonly origin: string;
  readonly vendor: VendorDialect;
  /** Whether the request's key is an admin's (Freshdesk refuses the Automations API otherwise). */
  isAdmin(request: Request): boolean;
  route(name: string): RouteSpec;
}

const TYPES = new Set([1, 3, 4]);

const FORBIDDEN: RouteResult = {
  status: 403,
  body: { code: 'access_denied', message: 'You are not authorized to perform this action.' },
};
const NOT_FOUND: RouteResult = {
  status: 404,
  body: { code: 'not_found', message: 'The requested resource was not found.' },
};
const invalid = (field: string, message: string): RouteResult => ({
  status: 400,
  body: { description: 'Validation failed', errors: [{ field, message, code: 'invalid_value' }] },
});

export function createFreshdeskAdminHandlers(
  account: SimulatedAccount<'freshdesk'>,
  ctx: FreshdeskAdminContext,
): HttpHandler[] {
  const admin = adminOf(account);
  const iso = () => new Date(account.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const path = `${ctx.origin}/api/v2/automations/:type/rules`;
  const guarded = (request: Request, name: string, type: string, produce: (type: number) => RouteResult) =>
    account.gate.handle(request, ctx.vendor, ctx.route(name), () => {
      if (!ctx.isAdmin(request)) return FORBIDDEN;
      const n = Number(type);
      return TYPES.has(n) ? produce(n) : NOT_FOUND;
    });
  const json = (rule: CreatedRule) => ({
    id: rule.id,
    ...rule.raw,
    active: rule.active,
    created_at: rule.createdAt,
    updated_at: rule.createdAt,
  });

  function read(type: number, body: unknown, id: number, createdAt: string): CreatedRule | RouteResult {
    const rule = body as Record<string, unknown> | null;
    if (rule === null || typeof rule !== 'object') return invalid('rule', 'It should be a JSON object');
    if (typeof rule.name !== 'string' || rule.name === '') return invalid('name', 'It should be a/an String');
    if (!Array.isArray(rule.actions) || rule.actions.length === 0) return invalid('actions', 'It should not be blank');
    const webhooks: { url: string; content: string; headers: Record<string, string> }[] = [];
    for (const action of rule.actions as Record<string, unknown>[]) {
      if (action.name !== 'trigger_webhook') continue;
      if (typeof action.url !== 'string' || !/^https?:\/\//.test(action.url))
        return invalid('url', 'It should be a valid URL');
      if (action.request_type !== 'POST')
        return invalid('request_type', "It should be one of these values: 'GET,POST,PUT,PATCH,DELETE'");
      const headers = (action.custom_headers ?? {}) as Record<string, unknown>;
      webhooks.push({
        url: action.url,
        content: typeof action.content === 'string' ? action.content : JSON.stringify(action.content ?? {}),
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
      });
    }
    return { id, type, active: rule.active !== false, webhooks, raw: { ...rule }, createdAt };
  }

  const isResult = (value: CreatedRule | RouteResult): value is RouteResult => 'status' in value;

  return [
    http.get(path, ({ request, params }) =>
      guarded(request, 'list-automation-rules', String(params.type), (type) => ({
        status: 200,
        body: [...admin.rules.values()].filter((r) => r.type === type).map(json),
      })),
    ),
    http.post(path, async ({ request, params }) => {
      const body: unknown = await request.json().catch(() => null);
      return guarded(request, 'create-automation-rule', String(params.type), (type) => {
        const rule = read(type, body, admin.nextId(), iso());
        if (isResult(rule)) return rule;
        admin.rules.set(rule.id, rule);
        return { status: 201, body: json(rule) };
      });
    }),
    http.get(`${path}/:id`, ({ request, params }) =>
      guarded(request, 'view-automation-rule', String(params.type), (type) => {
        const rule = admin.rules.get(Number(params.id));
        return rule?.type === type ? { status: 200, body: json(rule) } : NOT_FOUND;
      }),
    ),
    http.put(`${path}/:id`, async ({ request, params }) => {
      const body: unknown = await request.json().catch(() => null);
      return guarded(request, 'update-automation-rule', String(params.type), (type) => {
        const old = admin.rules.get(Number(params.id));
        if (old?.type !== type) return NOT_FOUND;
        const rule = read(type, { ...old.raw, ...(body as object) }, old.id, old.createdAt);
        if (isResult(rule)) return rule;
        admin.rules.set(rule.id, rule);
        return { status: 200, body: json(rule) };
      });
    }),
    http.delete(`${path}/:id`, ({ request, params }) =>
      guarded(request, 'delete-automation-rule', String(params.type), (type) => {
        const rule = admin.rules.get(Number(params.id));
        if (rule?.type !== type) return NOT_FOUND;
        admin.rules.delete(rule.id);
        return { status: 204, body: null };
      }),
    ),
  ];
}
