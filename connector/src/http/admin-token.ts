import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 first, so both sides have the same length and the comparison leaks neither. */
const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a value sent by a caller is `FRONTLINE_ADMIN_TOKEN`, compared in constant time: the
 * queue dashboard and /metrics both take it.
 */
export function adminTokenMatcher(adminToken: string): (given: string) => boolean {
  const expected = digest(adminToken);
  return (given) => timingSafeEqual(digest(given), expected);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match === null ? null : match[1]!;
}
