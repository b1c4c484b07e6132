import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import {
  AuthError,
  hashUserKey,
  peekIssuer,
  secretsEqual,
  verifyZendeskAppToken,
  type Role,
} from '../../auth/index.js';
import type { Tenant } from '../../store/sync-store.js';
import { ApiError } from '../api-error.js';
import { iso } from '../present-kpis.js';
import { AUTH_ERRORS, BEARER } from '../schemas/common-schemas.js';
import { FreshdeskExchangeBody, SessionBody, ZendeskExchangeBody } from '../schemas/auth-schemas.js';
import type { ServerDeps } from '../server-deps.js';

/** The header a Freshdesk request template fills from the app's secure installation parameter. */
export const FRESHDESK_APP_SECRET_HEADER = 'x-frontline-app-secret';

/**
 * Sign-in: each helpdesk's proof of "user X of account Y" is exchanged for a short-lived
 * session token that every other route takes.
 *
 * Zendesk: the app's signed-URL token, signed RS256 by Zendesk with the app's key pair, names
 * the user (`sub`) and the account (`iss`); it is the only identity we take from Zendesk.
 * Tokens the Zendesk proxy mints from a secure setting prove the account but carry claims the
 * browser wrote, so they are never accepted as identity.
 *
 * Freshdesk: a request template sends the app's secure installation parameter in a header. It
 * proves the request came through an installation of our app in that account, and nothing
 * about which agent sent it: the agent id is whatever the app's page says. So the id must be an
 * agent of that account (as synced from the Freshdesk API), and a lead or admin role is granted
 * only with the user's personal key (`frontline tenant role`); without it the session is an
 * agent's. What remains open, and is written in docs/api.md: within one account, an agent who
 * edits the page's requests can read another agent's numbers.
 */
export function registerAuthRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const refuse = (request: FastifyRequest, tenant: string | null, reason: string, message: string): ApiError => {
    deps.log.warn({ route: request.routeOptions.url, ip: request.ip, tenant, reason }, 'sign-in refused');
    return new ApiError('unauthenticated', message);
  };

  const session = async (tenant: Tenant, userId: string, role: Role): Promise<Static<typeof SessionBody>> => {
    const { token, expiresAt } = deps.sessions.issue({ tenantId: tenant.id, userId, role });
    const agent = (await deps.live.snapshot(tenant)).history.agents.find((a) => a.id === userId);
    return {
      token,
      expiresAt: iso(expiresAt),
      tenant: tenant.name,
      user: { id: userId, name: agent?.name ?? null, role },
    };
  };

  app.post<{ Body: Static<typeof ZendeskExchangeBody> }>(
    '/v1/auth/zendesk',
    {
      config: { throttle: 'sign-in' },
      schema: {
        summary: "Exchange the Zendesk app's signed-URL token for a session token",
        tags: ['auth'],
        body: ZendeskExchangeBody,
        response: { 200: SessionBody, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { token } = request.body;
      const issuer = peekIssuer(token);
      const tenants = (await deps.tenants.all()).filter(
        (t) => t.vendor === 'zendesk' && t.access.zendeskApp !== null && t.access.zendeskApp.issuer === issuer,
      );
      const tenant = tenants[0];
      if (tenant === undefined || tenant.access.zendeskApp === null) {
        throw refuse(
          request,
          null,
          'unknown_issuer',
          'the token is not from a Zendesk account connected to Frontline: ask your admin to connect it',
        );
      }
      try {
        const { userId } = verifyZendeskAppToken(token, { ...tenant.access.zendeskApp, now: deps.clock.now() });
        return await session(tenant, userId, (await deps.store.coaching.roleOf(tenant.id, userId)) ?? 'agent');
      } catch (error) {
        if (error instanceof AuthError) throw refuse(request, tenant.name, error.reason, error.message);
        throw error;
      }
    },
  );

  app.post(
    '/v1/auth/refresh',
    {
      config: { throttle: 'sign-in' },
      schema: {
        summary: 'Exchange a session token that has not expired yet for a new one (same user, same role)',
        description:
          'An open sidebar keeps its session this way: a helpdesk signs a page once, and its token is short-lived.',
        tags: ['auth'],
        security: BEARER,
        response: { 200: SessionBody, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { session: current, tenant } = await deps.auth.caller(request);
      // The role is the session's own: a refresh never grants more than the sign-in did.
      return session(tenant, current.userId, current.role);
    },
  );

  app.post<{ Body: Static<typeof FreshdeskExchangeBody> }>(
    '/v1/auth/freshdesk',
    {
      config: { throttle: 'sign-in' },
      schema: {
        summary: "Exchange a Freshdesk request template's call (secure installation parameter) for a session token",
        tags: ['auth'],
        body: FreshdeskExchangeBody,
        response: { 200: SessionBody, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { tenant: name, agentId, userKey } = request.body;
      const tenant = await deps.tenants.byName(name);
      const secret = request.headers[FRESHDESK_APP_SECRET_HEADER];
      // One answer for an unknown account and a wrong secret: the caller learns nothing of which.
      if (
        tenant === null ||
        tenant.vendor !== 'freshdesk' ||
        tenant.access.appSecret === null ||
        typeof secret !== 'string' ||
        !secretsEqual(secret, tenant.access.appSecret)
      ) {
        throw refuse(
          request,
          null,
          'bad_app_secret',
          `the app secret is missing or wrong for this account: check the app's installation settings`,
        );
      }
      const agents = (await deps.live.snapshot(tenant)).history.agents;
      if (!agents.some((a) => a.id === agentId)) {
        deps.log.warn({ tenant: tenant.name, reason: 'not_an_agent' }, 'sign-in refused');
        throw new ApiError('forbidden', `user ${agentId} is not an agent of this Freshdesk account (as last synced)`);
      }
      const role = (await deps.store.coaching.roleOf(tenant.id, agentId)) ?? 'agent';
      if (role === 'agent' || userKey === undefined) return session(tenant, agentId, 'agent');
      const stored = await deps.store.userKeyHash(tenant.id, agentId);
      if (stored === null || !secretsEqual(hashUserKey(userKey), stored)) {
        throw refuse(
          request,
          tenant.name,
          'bad_user_key',
          'the personal key is wrong: ask your admin for a new one (frontline tenant role)',
        );
      }
      return session(tenant, agentId, role);
    },
  );
}
