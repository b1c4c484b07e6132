import type { FastifyRequest } from 'fastify';

/**
 * The Freshdesk API key a request template sends from the app's secure installation parameter:
 * `Authorization: Basic <%= encode(iparam.api_key) %>`, base64 of the key alone or of `key:X`
 * (Freshdesk's own form). Null when there is none.
 */
export function freshdeskKeyOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice('Basic '.length).trim(), 'base64').toString('utf8');
  const key = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return /^[A-Za-z0-9_-]{8,200}$/.test(key) ? key : null;
}
