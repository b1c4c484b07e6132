import { z } from 'zod';
import type { SignedIn } from '../check-access.js';
import { parsePayload } from '../parse-payload.js';
import { optionalVendorId } from '../payload-fields.js';

/** The user `GET /api/v2/users/me.json` answers: whoever the credentials sign in as. */
const signedInUserSchema = z.object(
  {
    user: z.object({
      // `null` for the anonymous user: Zendesk answers it, not 401, when no credentials came.
      id: optionalVendorId,
      name: z.string().nullish(),
      email: z.string().nullish(),
      role: z.string(),
    }),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type' ? 'expected the signed-in user: an object with "user"' : undefined,
  },
);

const AGENT_ROLES: ReadonlySet<string> = new Set(['agent', 'admin']);

/** The agent or admin the credentials sign in as, or who they sign in as instead (an end-user, nobody). */
export function readZendeskSignedInUser(body: unknown): SignedIn {
  const { user } = parsePayload(signedInUserSchema, body);
  if (user.id === null) return { notAnAgent: 'the anonymous user (Zendesk did not take them as anyone)' };
  const who = [user.name, user.email === null || user.email === undefined ? null : `<${user.email}>`]
    .filter((part) => part !== null && part !== undefined && part !== '')
    .join(' ');
  if (!AGENT_ROLES.has(user.role)) return { notAnAgent: `${who === '' ? `user ${user.id}` : who}, a ${user.role}` };
  return {
    agent: {
      id: user.id,
      name: user.name ?? '',
      email: user.email ?? null,
      // Who may connect and disconnect the account from the app: Zendesk's own say.
      ...(user.role === 'admin' ? { administersHelpdesk: true as const } : {}),
    },
  };
}
