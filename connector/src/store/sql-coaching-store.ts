import { randomUUID } from 'node:crypto';
import type { AgentKpiKey, KpiKey, KpiTarget } from '@frontline/kpi';
import { assertNewNote, assertNoteBody, assertRole, assertTarget, assertTime, assertUserId } from './coaching-input.js';
import type { CoachingNote, CoachingStore, NewNote, NoteEdit, Role, UserRole } from './coaching-store.js';
import { NoteNotFoundError } from './note-not-found-error.js';
import {
  acknowledgeVersion,
  appendVersion,
  type CurrentVersion,
  insertNote,
  lockCurrentVersion,
  selectNotes,
} from './note-sql.js';
import { selectRole, selectRoles, upsertRole } from './role-sql.js';
import { selectIdentityProof, selectSettings, upsertHeadline, upsertIdentityProof } from './settings-sql.js';
import type { SqlClient, SqlSession } from './sql-client.js';
import { deleteTarget, selectTargets, upsertTarget } from './target-sql.js';
import { isUuid, writingForTenant } from './tenant-ref-sql.js';
import { assertHeadline, DEFAULT_SETTINGS, type TenantSettings } from './tenant-settings.js';

/**
 * The {@link CoachingStore} in SQL, over any {@link SqlClient} (PostgreSQL or PGlite). Ids that
 * are not uuids find nothing rather than reaching SQL, where they would be a type error.
 */
export class SqlCoachingStore implements CoachingStore {
  constructor(private readonly client: SqlClient) {}

  async addNote(tenantId: string, note: NewNote, at: number): Promise<CoachingNote> {
    assertNewNote(note);
    assertTime(at);
    const id = randomUUID();
    return writingForTenant(tenantId, () =>
      this.client.transaction(async (tx) => {
        await insertNote(tx, tenantId, id, note, at);
        return readNote(tx, tenantId, id);
      }),
    );
  }

  async editNote(tenantId: string, noteId: string, edit: NoteEdit, at: number): Promise<CoachingNote> {
    assertUserId('authorId', edit.authorId);
    assertNoteBody(edit.body);
    assertTime(at);
    return this.changeNote(tenantId, noteId, async (tx, current) => {
      if (current.body === edit.body) return;
      await appendVersion(tx, tenantId, noteId, current.version + 1, edit, at);
    });
  }

  async acknowledgeNote(tenantId: string, noteId: string, at: number): Promise<CoachingNote> {
    assertTime(at);
    return this.changeNote(tenantId, noteId, (tx, current) =>
      acknowledgeVersion(tx, tenantId, noteId, current.version, at),
    );
  }

  async getNote(tenantId: string, noteId: string): Promise<CoachingNote | null> {
    if (!isUuid(tenantId) || !isUuid(noteId)) return null;
    return (await selectNotes(this.client, tenantId, { noteId }))[0] ?? null;
  }

  async listNotes(tenantId: string, filter: { readonly agentId?: string } = {}): Promise<CoachingNote[]> {
    if (!isUuid(tenantId)) return [];
    return selectNotes(this.client, tenantId, filter.agentId === undefined ? {} : { agentId: filter.agentId });
  }

  async setTarget(tenantId: string, target: KpiTarget): Promise<void> {
    assertTarget(target);
    await writingForTenant(tenantId, () => upsertTarget(this.client, tenantId, target));
  }

  async deleteTarget(tenantId: string, kpi: KpiKey): Promise<boolean> {
    if (!isUuid(tenantId)) return false;
    return deleteTarget(this.client, tenantId, kpi);
  }

  async listTargets(tenantId: string): Promise<KpiTarget[]> {
    if (!isUuid(tenantId)) return [];
    return selectTargets(this.client, tenantId);
  }

  async setRole(tenantId: string, userId: string, role: Role): Promise<void> {
    assertUserId('userId', userId);
    assertRole(role);
    await writingForTenant(tenantId, () => upsertRole(this.client, tenantId, userId, role));
  }

  async roleOf(tenantId: string, userId: string): Promise<Role | null> {
    if (!isUuid(tenantId)) return null;
    return selectRole(this.client, tenantId, userId);
  }

  async listRoles(tenantId: string): Promise<UserRole[]> {
    if (!isUuid(tenantId)) return [];
    return selectRoles(this.client, tenantId);
  }

  async settings(tenantId: string): Promise<TenantSettings> {
    if (!isUuid(tenantId)) return DEFAULT_SETTINGS;
    return selectSettings(this.client, tenantId);
  }

  async setHeadline(tenantId: string, headline: readonly AgentKpiKey[]): Promise<TenantSettings> {
    assertHeadline(headline);
    await writingForTenant(tenantId, () => upsertHeadline(this.client, tenantId, headline));
    return { headline: [...headline] };
  }

  async identityProofRequired(tenantId: string): Promise<boolean> {
    if (!isUuid(tenantId)) return false;
    return selectIdentityProof(this.client, tenantId);
  }

  async setIdentityProofRequired(tenantId: string, required: boolean): Promise<void> {
    await writingForTenant(tenantId, () => upsertIdentityProof(this.client, tenantId, required));
  }

  /** Runs `change` on a locked note's current version and returns the note as it then is. */
  private async changeNote(
    tenantId: string,
    noteId: string,
    change: (tx: SqlSession, current: CurrentVersion) => Promise<void>,
  ): Promise<CoachingNote> {
    if (!isUuid(tenantId) || !isUuid(noteId)) throw new NoteNotFoundError(noteId);
    return this.client.transaction(async (tx) => {
      const current = await lockCurrentVersion(tx, tenantId, noteId);
      if (current === null) throw new NoteNotFoundError(noteId);
      await change(tx, current);
      return readNote(tx, tenantId, noteId);
    });
  }
}

async function readNote(db: SqlSession, tenantId: string, noteId: string): Promise<CoachingNote> {
  const note = (await selectNotes(db, tenantId, { noteId }))[0];
  if (note === undefined) throw new NoteNotFoundError(noteId);
  return note;
}
