import type { SignedIn } from '../check-access.js';
import { parsePayload } from '../parse-payload.js';
import { freshdeskAgentSchema } from './schema.js';

/**
 * The agent `GET /api/v2/agents/me` answers: the one the API key belongs to, so every answer it
 * gives is an agent. UNSURE: what it answers a customer's key (the reference does not say); a
 * 403 or 404 there is reported as refused credentials or no such API.
 */
export function readFreshdeskSignedInAgent(body: unknown): SignedIn {
  const agent = parsePayload(freshdeskAgentSchema, body);
  return { agent: { id: agent.id, name: agent.contact.name ?? '', email: agent.contact.email ?? null } };
}
