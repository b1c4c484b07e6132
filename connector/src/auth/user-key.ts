import { createHash } from 'node:crypto';

/**
 * The SHA-256 (hex) under which a personal user key is stored: the key itself is shown once
 * and never kept, so a copy of the database grants nothing.
 */
export function hashUserKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
