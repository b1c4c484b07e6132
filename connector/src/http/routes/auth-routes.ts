import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { hostOf } from '../../connect/host-of.js';
import type { Agent } from '@frontline/kpi';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import {
  AuthError,
  hashUserKey,
  newUserKey,
  peekIssuer,
  secretsEqual,
  verifyZendeskAppToken,
  type Role,
} from '../../auth/index.js';
import type { Tenant } from '../../store/sync-store.js';
import { ApiError } from '../api-error.js';
import { iso } from '../present-kpis.js';
import { AUTH_ERRORS, BEARER, ErrorBody } from '../schemas/common-schemas.js';
import {
  FreshdeskExchangeBody,
  FreshdeskProof,
  FreshdeskProofBody,
  SessionBody,
  ZendeskExchangeBody,
} from '../schemas/auth-schemas.js';
import { freshdeskKeyOf } from '../freshdesk-key-header.js';
import type { ServerDeps } from '../server-deps.js';
import { helpdeskRole, notAnAgent, roleNow } from '../session-role.js';

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
 * only with the user's personal key (People in the team view, or `frontline tenant role`);
 * without it the session is an agent's. What remains open, and is written in docs/api.md: within one account, an agent who
 * edits the page's requests can read another agent's numbers.
 *
 * On both, the user must be an agent (or admin) of the account as last synced, at sign-in and at
 * every refresh; a refresh reads the role again, and refreshes end 12 h after sign-in (SessionTokens.renew).
 */

export function registerAuthRoutes(fastify: FastifyInstance, deps: ServerDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const refuse = (request: FastifyRequest, tenant: string | null, reason: string, message: string): ApiError => {
    deps.log.warn({ route: request.routeOptions.url, ip: request.ip, tenant, reason }, 'sign-in refused');
    return new ApiError('unauthenticated', message);
  };

  /** The user as an agent of the account (as last synced); else a logged 403. */
  const requireAgent = async (tenant: Tenant, userId: string): Promise<Agent> => {
    const agent = (await deps.store.listAgents(tenant.id)).find((a) => a.id === userId);
    if (agent !== undefined) return agent;
    deps.log.warn({ tenant: tenant.name, reason: 'not_an_agent' }, 'sign-in refused');
    throw notAnAgent(tenant, userId);
  };

  /**
   * An account that installed the Marketplace app but is not connected: a token its key verifies
   * gets `not_connected`, so the app offers Connect instead of an error. Any other token falls
   * through to the refusal.
   */
  const notConnectedYet = (token: string): void => {
    const zendesk = deps.connect.zendesk;
    if (zendesk === null) return;
    try {
      zendesk.verify(token);
    } catch (error) {
      if (error instanceof AuthError) return;
      throw error;
    }
    throw new ApiError(
      'not_connected',
      'Frontline is not connected to this Zendesk account yet: a Zendesk admin connects it from this app (Connect)',
    );
  };

  /**
   * The account a Freshdesk request template's call proves. An app installed with the API key
   * (the admin's path) sends it as `Authorization: Basic`, with the account's host; one installed
   * by an operator sends the app secret with the tenant's name. One answer for an unknown
   * account and a wrong secret: the caller learns nothing of which.
   */
  const freshdeskAccount = async (
    request: FastifyRequest,
    { tenant: name, host }: Static<typeof FreshdeskExchangeBody>,
  ) => {
    const apiKey = freshdeskKeyOf(request);
    const freshdesk = deps.connect.freshdesk;
    if (apiKey !== null && host !== undefined) {
      const lower = host.toLowerCase();
      const find = async () =>
        (await deps.tenants.all()).find((t) => t.vendor === 'freshdesk' && hostOf(t.baseUrl) === lower);
      let tenant = await find();
      // Registered a moment ago, perhaps through another replica: read the store again.
      if (tenant === undefined) {
        deps.tenants.invalidate();
        tenant = await find();
      }
      if (tenant === undefined && freshdesk !== null && freshdesk.accountUrlOf(host) !== null) {
        throw new ApiError(
          'not_connected',
          'Frontline is not connected to this Freshdesk account yet: the app registers it with the API key from its settings',
        );
      }
      const stored = tenant?.credentials.kind === 'freshdesk-key' && secretsEqual(apiKey, tenant.credentials.apiKey);
      if (tenant !== undefined && (stored || (freshdesk !== null && (await freshdesk.accepts(tenant, apiKey))))) {
        return tenant;
      }
      throw refuse(
        request,
        tenant?.name ?? null,
        'bad_api_key',
        "the API key in the app's settings is not one of this Freshdesk account: an admin corrects it there",
      );
    }
    const tenant = name === undefined ? null : await deps.tenants.byName(name);
    const secret = request.headers[FRESHDESK_APP_SECRET_HEADER];
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
    return tenant;
  };

  const sessionBody = (
    tenant: Tenant,
    agent: Agent,
    role: Role,
    issued: { token: string; expiresAt: number },
  ): Static<typeof SessionBody> => ({
    token: issued.token,
    expiresAt: iso(issued.expiresAt),
    tenant: tenant.name,
    user: { id: agent.id, name: agent.name, role },
  });

  const signIn = (tenant: Tenant, agent: Agent, role: Role) =>
    sessionBody(tenant, agent, role, deps.sessions.issue({ tenantId: tenant.id, userId: agent.id, role }));

  app.post(
    '/v1/auth/zendesk',
    {
      config: { throttle: 'sign-in' },
      schema: {
        summary: "Exchange the Zendesk app's signed-URL token for a session token",
        tags: ['auth'],
        body: ZendeskExchangeBody,
        response: { 200: SessionBody, ...AUTH_ERRORS, 409: ErrorBody },
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
        notConnectedYet(token);
        throw refuse(
          request,
          null,
          'unknown_issuer',
          'the token is not from a Zendesk account connected to Frontline: ask your admin to connect it',
        );
      }
      let userId: string;
      try {
        ({ userId } = verifyZendeskAppToken(token, { ...tenant.access.zendeskApp, now: deps.clock.now() }));
      } catch (error) {
        if (error instanceof AuthError) throw refuse(request, tenant.name, error.reason, error.message);
        throw error;
      }
      // Zendesk signs any user of the account, end-users too: only its agents and admins are ours.
      const agent = await requireAgent(tenant, userId);
      return signIn(
        tenant,
        agent,
        (await deps.store.coaching.roleOf(tenant.id, userId)) ?? helpdeskRole(tenant, agent),
      );
    },
  );

  app.post(
    '/v1/auth/refresh',
    {
      config: { throttle: 'sign-in', caller: 'any' },
      schema: {
        summary: 'Exchange a session token that has not expired yet for a new one, with the role read again',
        description:
          'An open sidebar keeps its session this way: a helpdesk signs a page once, and its token is short-lived. ' +
          'The user must still be an agent of the account (403 if not) and gets the role Frontline keeps for them now; ' +
          'on Freshdesk a session signed in without the personal key stays an agent session. ' +
          'Refreshes keep a sign-in alive for 12 hours at most by default (401 after: sign in again).',
        tags: ['auth'],
        security: BEARER,
        response: { 200: SessionBody, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { session: current, tenant } = request.caller;
      // Read again, not copied: a lead demoted (or a user removed) since sign-in loses the rights now.
      const agent = await requireAgent(tenant, current.userId);
      const stored = await deps.store.coaching.roleOf(tenant.id, current.userId);
      const role = roleNow(tenant, stored, current.role, agent);
      let renewed: { token: string; expiresAt: number };
      try {
        renewed = deps.sessions.renew(current, role);
      } catch (error) {
        if (error instanceof AuthError) throw refuse(request, tenant.name, error.reason, error.message);
        throw error;
      }
      if (role !== current.role) {
        deps.log.info(
          { tenant: tenant.name, user: current.userId, from: current.role, to: role },
          'session role changed',
        );
      }
      return sessionBody(tenant, agent, role, renewed);
    },
  );

  app.post(
    '/v1/auth/freshdesk',
    {
      config: { throttle: 'sign-in' },
      schema: {
        summary: "Exchange a Freshdesk request template's call (secure installation parameter) for a session token",
        description:
          "The template sends the API key from the app's settings as `Authorization: Basic` with `host`, or (apps " +
          'installed by an operator) the app secret in `x-frontline-app-secret` with `tenant`. 409 `not_connected`: ' +
          'register the account first (POST /v1/connect/freshdesk).',
        tags: ['auth'],
        body: FreshdeskExchangeBody,
        response: { 200: SessionBody, ...AUTH_ERRORS, 409: ErrorBody },
      },
    },
    async (request) => {
      const { agentId, userKey } = request.body;
      const tenant = await freshdeskAccount(request, request.body);
      const agent = await requireAgent(tenant, agentId);
      const role = (await deps.store.coaching.roleOf(tenant.id, agentId)) ?? 'agent';
      const stored = await deps.store.userKeyHash(tenant.id, agentId);
      const proven = userKey !== undefined && stored !== null && secretsEqual(hashUserKey(userKey), stored);
      if (!proven && (await deps.store.coaching.identityProofRequired(tenant.id))) {
        deps.log.warn({ tenant: tenant.name, reason: 'proof_required' }, 'sign-in refused');
        throw new ApiError(
          'proof_required',
          'this account asks everyone to prove once who they are: enter your own Freshdesk API key in Frontline',
        );
      }
      if (role === 'agent' || userKey === undefined) return signIn(tenant, agent, 'agent');
      if (stored === null || !secretsEqual(hashUserKey(userKey), stored)) {
        throw refuse(
          request,
          tenant.name,
          'bad_user_key',
          'the personal key is wrong: ask your admin for a new one (People, in the team view, or frontline tenant role)',
        );
      }
      return signIn(tenant, agent, role);
    },
  );

  app.post(
    '/v1/auth/freshdesk/proof',
    {
      config: { throttle: 'sign-in' },
      schema: {
        summary:
          "Prove once who you are on Freshdesk with your own API key, for the personal key a lead's or admin's role needs",
        description:
          "Freshdesk's sign-in proves the account, not the user. A user who types their own API key into the app proves " +
          'they are that agent: the connector asks Freshdesk whose key it is, forgets the key, and answers a personal ' +
          'key (stored hashed) that the app sends at every sign-in.',
        tags: ['auth'],
        body: FreshdeskProofBody,
        response: { 200: FreshdeskProof, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { host, agentId, apiKey } = request.body;
      const lower = host.toLowerCase();
      const tenant = (await deps.tenants.all()).find((t) => t.vendor === 'freshdesk' && hostOf(t.baseUrl) === lower);
      const freshdesk = deps.connect.freshdesk;
      if (tenant === undefined || freshdesk === null) {
        throw refuse(request, null, 'unknown_account', 'this Freshdesk account is not connected to Frontline');
      }
      const agent = await freshdesk.identify(tenant, apiKey);
      if (agent === null || agent.id !== agentId) {
        throw refuse(
          request,
          tenant.name,
          'not_your_key',
          'Freshdesk does not know this API key as yours: copy it from your profile (Profile settings > View API key)',
        );
      }
      const userKey = newUserKey();
      await deps.store.saveUserKeyHash(tenant.id, agentId, hashUserKey(userKey));
      deps.log.info({ tenant: tenant.name, user: agentId }, 'freshdesk user proved who they are');
      return { userKey };
    },
  );
}
