/**
 * What an admin set up in a simulated account through its API: Zendesk's OAuth grants, webhooks
 * and triggers, Freshdesk's automation rules. One registry per account, shared by its handlers
 * (which create and delete) and by the sender of configured webhooks (which delivers through
 * what exists now).
 */
import { randomBytes } from 'node:crypto';
import type { SimulatedAccount } from './account.js';

export interface CreatedWebhook {
  readonly id: string;
  readonly name: string;
  readonly status: 'active' | 'inactive';
  readonly endpoint: string;
  readonly subscriptions: readonly string[];
  secret: string;
  readonly createdAt: string;
}

export interface CreatedTrigger {
  readonly id: number;
  readonly title: string;
  readonly active: boolean;
  readonly conditions: { readonly all: readonly Condition[]; readonly any: readonly Condition[] };
  /** `notification_webhook` actions: the webhook and the body template. */
  readonly notifications: readonly { readonly webhookId: string; readonly body: string }[];
  readonly raw: Record<string, unknown>;
  readonly createdAt: string;
}

export interface Condition {
  readonly field: string;
  readonly operator: string;
  readonly value?: unknown;
}

export interface CreatedRule {
  readonly id: number;
  /** 1 ticket creation, 4 ticket updates, 3 time triggers. */
  readonly type: number;
  readonly active: boolean;
  readonly webhooks: readonly {
    readonly url: string;
    readonly content: string;
    readonly headers: Readonly<Record<string, string>>;
  }[];
  readonly raw: Record<string, unknown>;
  readonly createdAt: string;
}

/** A user's grant: the code the consent page gave, then the token it was swapped for. */
export interface OAuthGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string | null;
  /** Index of the consenting agent in the account's history. */
  readonly agentIndex: number;
  readonly expiresAtSec: number;
}

export class AccountAdmin {
  readonly webhooks = new Map<string, CreatedWebhook>();
  readonly triggers = new Map<number, CreatedTrigger>();
  readonly rules = new Map<number, CreatedRule>();
  readonly codes = new Map<string, OAuthGrant>();
  /** Live access tokens and whose they are (the agent's index). */
  readonly tokens = new Map<string, number>();
  /** Tokens revoked, for tests that check Disconnect revoked one. */
  readonly revoked = new Set<string>();
  #next = 360_000_100;

  nextId(): number {
    return ++this.#next;
  }
}

const registries = new WeakMap<SimulatedAccount, AccountAdmin>();

/** The admin registry of an account, made on first use. */
export function adminOf(account: SimulatedAccount): AccountAdmin {
  let admin = registries.get(account);
  if (admin === undefined) {
    admin = new AccountAdmin();
    registries.set(account, admin);
  }
  return admin;
}

/** A random token as Zendesk's look: 64 hex characters. */
export const randomToken = (): string => randomBytes(32).toString('hex');

/** A 26-character id in Crockford base32, as Zendesk's webhook ids read (`01H...`). */
export function ulidLike(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(24);
  return `01H${[...bytes]
    .map((b) => alphabet[b % 32])
    .join('')
    .slice(0, 23)}`;
}
