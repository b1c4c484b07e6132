import type { FastifyRequest } from 'fastify';
import { AuthError, type Role, type Session, type SessionTokens } from '../auth/index.js';
import type { Logger } from '../logger.js';
import type { Tenant } from '../store/sync-store.js';
import { ApiError } from './api-error.js';
import type { TenantDirectory } from './tenant-directory.js';

/** Who is calling: their session and their tenant. Every /v1 read is scoped by both. */
export interface Caller {
  readonly session: Session;
  readonly tenant: Tenant;
}

export interface Authenticator {
  /** The caller of `request`; throws a 401 ApiError (and logs the refusal, without the token). */
  caller(request: FastifyRequest, options?: { readonly queryToken?: boolean }): Promise<Caller>;
  /** Throws 403 unless the caller has one of `roles`. */
  requireRole(caller: Caller, roles: readonly Role[], what: string): void;
  /** Throws 403 unless the caller may see `agentId`'s numbers and notes: their own, or any as lead/admin. */
  requireAgentAccess(caller: Caller, agentId: string): void;
}

export function createAuthenticator(sessions: SessionTokens, tenants: TenantDirectory, log: Logger): Authenticator {
  const refuse = (
    request: FastifyRequest,
    reason: string,
    message: string,
    status: 'unauthenticated' | 'forbidden',
  ) => {
    log.warn({ route: request.routeOptions.url, ip: request.ip, reason }, 'request refused');
    return new ApiError(status, message);
  };
  return {
    async caller(request, options = {}) {
      const token = bearerToken(request, options.queryToken ?? false);
      if (token === null) {
        throw refuse(
          request,
          'no_token',
          'no session token: send Authorization: Bearer <token> from POST /v1/auth/zendesk or /v1/auth/freshdesk',
          'unauthenticated',
        );
      }
      let session: Session;
      try {
        session = sessions.verify(token);
      } catch (error) {
        if (error instanceof AuthError) throw refuse(request, error.reason, error.message, 'unauthenticated');
        throw error;
      }
      const tenant = await tenants.byId(session.tenantId);
      if (tenant === null) {
        throw refuse(
          request,
          'unknown_tenant',
          'the session names an account that is no longer connected',
          'unauthenticated',
        );
      }
      return { session, tenant };
    },
    requireRole(caller, roles, what) {
      if (roles.includes(caller.session.role)) return;
      log.warn({ tenant: caller.tenant.name, user: caller.session.userId, reason: 'role' }, 'request refused');
      throw new ApiError(
        'forbidden',
        `${what} needs the ${roles.join(' or ')} role; you are signed in as ${caller.session.role}`,
      );
    },
    requireAgentAccess(caller, agentId) {
      if (caller.session.role !== 'agent' || caller.session.userId === agentId) return;
      log.warn({ tenant: caller.tenant.name, user: caller.session.userId, reason: 'other_agent' }, 'request refused');
      throw new ApiError('forbidden', "an agent sees only their own numbers and notes; ask your lead for the team's");
    },
  };
}

function bearerToken(request: FastifyRequest, fromQuery: boolean): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ?? null;
  }
  // EventSource cannot send headers: the stream takes the token as a query parameter.
  if (fromQuery) {
    const token = (request.query as { access_token?: unknown } | undefined)?.access_token;
    return typeof token === 'string' && token !== '' ? token : null;
  }
  return null;
}
