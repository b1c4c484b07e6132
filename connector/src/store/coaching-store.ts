import type { AgentKpiKey, KpiKey, KpiTarget } from '@frontline/kpi';
import type { TenantSettings } from './tenant-settings.js';

/** What a user of a tenant may do in Frontline: agents see their own numbers, leads coach, admins configure. */
export const ROLES = ['agent', 'lead', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** Narrows a string to a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The longest note body, in characters (code points). */
export const MAX_NOTE_LENGTH = 10_000;

/** One text of a note, as it was when it was replaced (or as it is, for the current one). */
export interface NoteVersion {
  readonly body: string;
  readonly authorId: string;
  readonly writtenAt: number;
  readonly acknowledgedAt: number | null;
}

/** A coaching note: what a lead told an agent, about a ticket or a KPI or neither. */
export interface CoachingNote {
  readonly id: string;
  /** The coached agent. */
  readonly agentId: string;
  /** The lead who wrote the first version. */
  readonly authorId: string;
  readonly ticketId: string | null;
  readonly kpi: KpiKey | null;
  /** The current version's text. */
  readonly body: string;
  readonly createdAt: number;
  /** When the current version was written (`createdAt` until the first edit). */
  readonly updatedAt: number;
  /** When the agent acknowledged the current version: an edit asks for a new acknowledgement. */
  readonly acknowledgedAt: number | null;
  /** Every earlier version, oldest first: edits are kept, never overwritten. */
  readonly history: readonly NoteVersion[];
}

export interface NewNote {
  readonly agentId: string;
  readonly authorId: string;
  readonly ticketId: string | null;
  readonly kpi: KpiKey | null;
  readonly body: string;
}

/** A new text for a note, and who wrote it. */
export interface NoteEdit {
  readonly authorId: string;
  readonly body: string;
}

export interface UserRole {
  readonly userId: string;
  readonly role: Role;
}

/**
 * Coaching notes, KPI targets, user roles and the tenant's settings. Every call takes the tenant first and never reads
 * across tenants: another tenant's note is not found, its targets and roles are not listed.
 * Times are epoch milliseconds given by the caller. Bodies must have visible text and at most
 * {@link MAX_NOTE_LENGTH} characters (`RangeError` otherwise). Writes for an unknown tenant throw
 * `TenantNotFoundError`.
 */
export interface CoachingStore {
  addNote(tenantId: string, note: NewNote, at: number): Promise<CoachingNote>;
  /**
   * Makes `edit.body` the current version, keeping the previous one in the history; the new
   * version is not acknowledged. The same body again changes nothing. Throws `NoteNotFoundError`.
   */
  editNote(tenantId: string, noteId: string, edit: NoteEdit, at: number): Promise<CoachingNote>;
  /** Acknowledges the current version; a second acknowledgement keeps the first time. Throws `NoteNotFoundError`. */
  acknowledgeNote(tenantId: string, noteId: string, at: number): Promise<CoachingNote>;
  getNote(tenantId: string, noteId: string): Promise<CoachingNote | null>;
  /** The tenant's notes (of one agent, if given), newest first by creation. */
  listNotes(tenantId: string, filter?: { readonly agentId?: string }): Promise<CoachingNote[]>;

  /** Sets the tenant's target for `target.kpi`, replacing an earlier one; `RangeError` for bad thresholds. */
  setTarget(tenantId: string, target: KpiTarget): Promise<void>;
  /** Removes the target for `kpi`; false when there was none. */
  deleteTarget(tenantId: string, kpi: KpiKey): Promise<boolean>;
  /** The tenant's targets, in the order of the KPI list. */
  listTargets(tenantId: string): Promise<KpiTarget[]>;

  /** Sets a user's role, replacing an earlier one. */
  setRole(tenantId: string, userId: string, role: Role): Promise<void>;
  roleOf(tenantId: string, userId: string): Promise<Role | null>;
  /** Every user given a role, by user id. */
  listRoles(tenantId: string): Promise<UserRole[]>;

  /** The tenant's settings; the defaults until an admin chooses. */
  settings(tenantId: string): Promise<TenantSettings>;
  /** Sets the headline KPIs (`RangeError` unless 1 to 8 distinct agent KPIs) and answers the settings. */
  setHeadline(tenantId: string, headline: readonly AgentKpiKey[]): Promise<TenantSettings>;
  /** Whether every user must prove once who they are before signing in (Freshdesk); false by default. */
  identityProofRequired(tenantId: string): Promise<boolean>;
  setIdentityProofRequired(tenantId: string, required: boolean): Promise<void>;
}
