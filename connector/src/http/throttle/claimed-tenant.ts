import type { FastifyRequest } from 'fastify';
import { peekIssuer } from '../../auth/index.js';
import { decodeJsonObject, MAX_JWT_LENGTH } from '../../auth/jwt.js';

/** Tenant names and issuers are short; a longer claim is cut, so a key never grows with the request. */
const MAX_LENGTH = 100;

/**
 * The account a request says it is for, before anything is checked (so possibly a lie): the
 * `:tenant` of a webhook's URL, the `tenant` of a Freshdesk sign-in, the issuer of a Zendesk
 * app token, the tenant of a session token being renewed. Null when it names none.
 */
export function claimedTenant(request: FastifyRequest): string | null {
  const claim = readClaim(request);
  return claim === null || claim === '' ? null : claim.slice(0, MAX_LENGTH);
}

function readClaim(request: FastifyRequest): string | null {
  const params = request.params as { tenant?: unknown } | undefined;
  if (typeof params?.tenant === 'string') return params.tenant;
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as {
    tenant?: unknown;
    token?: unknown;
  };
  if (typeof body.tenant === 'string') return body.tenant;
  if (typeof body.token === 'string') return peekIssuer(body.token);
  const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  return bearer === undefined ? null : peekSessionTenant(bearer);
}

/** The `tid` claim of a session token, unverified. */
function peekSessionTenant(token: string): string | null {
  if (token.length > MAX_JWT_LENGTH) return null;
  const parts = token.split('.');
  const tid = parts.length === 3 ? decodeJsonObject(parts[1]!)?.['tid'] : undefined;
  return typeof tid === 'string' ? tid : null;
}
