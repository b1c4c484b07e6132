import { createHash, randomBytes } from 'node:crypto';

/**
 * The SHA-256 (hex) under which a personal user key is stored: the key itself is shown once
 * and never kept, so a copy of the database grants nothing.
 */
export function hashUserKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * A new personal key for a Freshdesk lead or admin: 32 random characters, shown once (the CLI
 * prints it, the People view shows it) and stored only as {@link hashUserKey}.
 */
export function newUserKey(): string {
  return randomBytes(24).toString('base64url');
}
