import type { NewTenant, Tenant } from './sync-store.js';

/** A tenant as it would be saved, so that a client can sign in with it before anything is stored. */
export function unsavedTenant(input: NewTenant): Tenant {
  return {
    ...input,
    // Not a stored id: only the client's request ledger keys on it, for this one request.
    id: `unsaved:${input.name}`,
    plan: input.plan ?? null,
    createdAt: 0,
    status: 'active',
    statusReason: null,
    escalationTags: [],
    access: { webhookSecrets: [], appSecret: null, zendeskApp: null, hooks: null },
    ratingsIncludeUnanswered: null,
  };
}
