import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AuthError } from '../../auth/index.js';
import { ConnectError } from '../../connect/connect-error.js';
import { ZENDESK_CALLBACK_PATH } from '../../connect/zendesk-connect.js';
import { computeCompleteness } from '../../sync/completeness.js';
import { ApiError } from '../api-error.js';
import { iso } from '../present-kpis.js';
import { AUTH_ERRORS, BEARER, ErrorBody } from '../schemas/common-schemas.js';
import {
  ConnectionStatus,
  DisconnectBody,
  Disconnected,
  FreshdeskRegisterBody,
  FreshdeskRegistered,
  ZendeskCallbackQuery,
  ZendeskConnectBody,
  ZendeskConnectStart,
} from '../schemas/connect-schemas.js';
import { freshdeskKeyOf } from '../freshdesk-key-header.js';
import type { ServerDeps } from '../server-deps.js';

const RECENT_DAYS = 60;
const DAY_MS = 86_400_000;

/** The callback page has no script and loads nothing. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(reply: FastifyReply, status: number, title: string, lines: readonly string[]) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PAGE_POLICY)
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
        '<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#2f3941}h1{font-size:1.4rem}</style>' +
        `</head><body><h1>${escapeHtml(title)}</h1>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}</body></html>`,
    );
}

/** A connector its operator did not set up for the Marketplace apps connects accounts with the CLI. */
function operatorOnly(): never {
  throw new ApiError(
    'not_found',
    "this Frontline connector connects accounts through its operator (frontline tenant add), not from the app: ask the connector's operator",
  );
}

/**
 * Connect and disconnect from inside the helpdesk: the admin's path to numbers with no shell.
 * Zendesk: the app's signed token starts an OAuth authorization-code flow; Zendesk's redirect
 * back creates the tenant and its webhooks. Every tenant: its sync progress, and Disconnect.
 */
export function registerConnectRoutes(fastify: FastifyInstance, deps: ServerDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { connect } = deps;
  app.post(
    '/v1/connect/zendesk',
    {
      config: { throttle: 'sign-in' },
      schema: {
        summary: "Start connecting the Zendesk account whose app signed the token: answers Zendesk's consent page",
        description:
          'Any user of an account that installed the app may start; Zendesk asks them to allow access, and the ' +
          'connector then connects the account only if the Zendesk API says they are its admin.',
        tags: ['connect'],
        body: ZendeskConnectBody,
        response: { 200: ZendeskConnectStart, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const zendesk = connect.zendesk ?? operatorOnly();
      try {
        return { authorizeUrl: zendesk.authorizeUrl(zendesk.verify(request.body.token)) };
      } catch (error) {
        if (error instanceof AuthError) {
          deps.log.warn({ route: request.routeOptions.url, ip: request.ip, reason: error.reason }, 'connect refused');
          throw new ApiError('unauthenticated', error.message);
        }
        throw error;
      }
    },
  );

  app.get(
    ZENDESK_CALLBACK_PATH,
    {
      schema: {
        summary: "Zendesk's redirect back from its consent page: connects the account (an HTML page for the admin)",
        tags: ['connect'],
        querystring: ZendeskCallbackQuery,
      },
    },
    async (request, reply) => {
      if (connect.zendesk === null)
        return page(reply, 404, 'Frontline is not set up for this', ['Ask the connector’s operator.']);
      try {
        const tenant = await connect.zendesk.finish(request.query);
        deps.tenants.invalidate();
        return page(reply, 200, 'Frontline is connected', [
          `Frontline now reads this Zendesk account (${tenant.baseUrl}). The last 60 days come first, usually within minutes; older history follows.`,
          'You can close this window: the Frontline app shows the progress.',
        ]);
      } catch (error) {
        if (!(error instanceof ConnectError)) throw error;
        deps.log.warn({ reason: error.message }, 'connect did not finish');
        return page(reply, error.kind === 'refused' ? 403 : 502, 'Frontline is not connected', [error.message]);
      }
    },
  );

  app.post(
    '/v1/connect/freshdesk',
    {
      config: { throttle: 'sign-in' },
      schema: {
        summary: "Register the Freshdesk account whose API key the app's request template sends (Authorization: Basic)",
        description:
          'The app calls it through a request template when sign-in answers `not_connected`: the key comes from the ' +
          "app's secure installation parameter. The connector checks it against the account's API, stores it " +
          'encrypted, creates its automation rules and starts the sync.',
        tags: ['connect'],
        body: FreshdeskRegisterBody,
        response: { 200: FreshdeskRegistered, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const freshdesk = connect.freshdesk ?? operatorOnly();
      const apiKey = freshdeskKeyOf(request);
      if (apiKey === null) {
        throw new ApiError(
          'unauthenticated',
          "no API key came with the request: an admin enters it in the app's settings",
        );
      }
      try {
        const { tenant, created } = await freshdesk.register(request.body.host, apiKey);
        deps.tenants.invalidate();
        return { tenant: tenant.name, created };
      } catch (error) {
        if (!(error instanceof ConnectError)) throw error;
        deps.log.warn({ ip: request.ip, reason: error.message }, 'freshdesk registration refused');
        throw new ApiError(error.kind === 'refused' ? 'unauthenticated' : 'unavailable', error.message);
      }
    },
  );

  app.get(
    '/v1/connect/status',
    {
      config: { caller: 'any' },
      schema: {
        summary: 'How far the sync of this account has come: the last 60 days per KPI, then the older history',
        tags: ['connect'],
        security: BEARER,
        response: { 200: ConnectionStatus, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { tenant, session } = request.caller;
      const now = deps.clock.now();
      const completeness = await computeCompleteness(
        deps.store,
        tenant.id,
        { from: now - RECENT_DAYS * DAY_MS, to: now },
        now,
        tenant.zigpoll !== null,
      );
      const history = await deps.store.readCheckpoint(tenant.id, 'tickets:history');
      const shares = Object.values(completeness.byKpi);
      return {
        tenant: tenant.name,
        vendor: tenant.vendor,
        connectedAt: iso(tenant.createdAt),
        webhooks:
          tenant.access.hooks !== null && tenant.access.hooks.length > 0
            ? ('created' as const)
            : tenant.access.webhookSecrets.length > 0
              ? ('by hand' as const)
              : ('none' as const),
        manualSteps: session.role === 'admin' && tenant.access.hooks?.length === 0 ? connect.stepsByHand(tenant) : [],
        recent: { share: Math.min(...shares), byKpi: { ...completeness.byKpi } },
        history: {
          done: history?.done ?? false,
          reachedTime: history?.reachedTime === null || history === null ? null : iso(history.reachedTime),
        },
      };
    },
  );

  app.post(
    '/v1/connect/disconnect',
    {
      config: { caller: { roles: ['admin'], what: 'disconnecting the account', roleNow: true } },
      schema: {
        summary:
          "Disconnect the account: remove Frontline's webhooks, revoke its access, delete everything stored (admins)",
        description: "The body repeats the tenant's name, as the admin typed it to confirm.",
        tags: ['connect'],
        security: BEARER,
        body: DisconnectBody,
        response: { 200: Disconnected, ...AUTH_ERRORS, 409: ErrorBody },
      },
    },
    async (request) => {
      const { caller } = request;
      const { tenant } = caller;
      if (request.body.confirm !== tenant.name) {
        throw new ApiError(
          'bad_request',
          `type the account's name exactly (${tenant.name}) to disconnect it; nothing was changed`,
        );
      }
      deps.log.info({ tenant: tenant.name, user: caller.session.userId }, 'disconnect asked from the app');
      const { problems } = await connect.disconnect(tenant);
      deps.tenants.invalidate();
      return { removed: tenant.name, problems: [...problems] };
    },
  );
}
