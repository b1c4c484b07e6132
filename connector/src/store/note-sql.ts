import { isKpiKey } from '@frontline/kpi';
import type { CoachingNote, NewNote, NoteEdit, NoteVersion } from './coaching-store.js';
import type { SqlSession } from './sql-client.js';

/** One version of one note, with its note's columns: a note is its rows in version order. */
interface NoteVersionRow {
  readonly id: string;
  readonly agent_id: string;
  readonly author_id: string;
  readonly ticket_id: string | null;
  readonly kpi: string | null;
  readonly created_at: number;
  readonly body: string;
  readonly version_author_id: string;
  readonly written_at: number;
  readonly acknowledged_at: number | null;
}

/** The current version of a locked note. */
export interface CurrentVersion {
  readonly version: number;
  readonly body: string;
}

/** Inserts a note and its first version (in the caller's transaction). */
export async function insertNote(
  db: SqlSession,
  tenantId: string,
  id: string,
  note: NewNote,
  at: number,
): Promise<void> {
  await db.query(
    `INSERT INTO coaching_notes (tenant_id, id, agent_id, author_id, ticket_id, kpi, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [tenantId, id, note.agentId, note.authorId, note.ticketId, note.kpi, at],
  );
  await appendVersion(db, tenantId, id, 1, { authorId: note.authorId, body: note.body }, at);
}

/**
 * Locks a note until the transaction ends and returns its current version, or null when the
 * tenant has no such note. Edits and acknowledgements of one note take turns on this lock, so an
 * acknowledgement never lands on a version an edit has just replaced.
 */
export async function lockCurrentVersion(
  db: SqlSession,
  tenantId: string,
  noteId: string,
): Promise<CurrentVersion | null> {
  const locked = await db.query('SELECT 1 FROM coaching_notes WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [
    tenantId,
    noteId,
  ]);
  if (locked.length === 0) return null;
  // A statement of its own: in READ COMMITTED it sees the versions committed while it waited for
  // the lock, where a join in the locking statement would still see the old current version.
  const rows = await db.query<CurrentVersion>(
    `SELECT version, body FROM note_versions WHERE tenant_id = $1 AND note_id = $2 ORDER BY version DESC LIMIT 1`,
    [tenantId, noteId],
  );
  return rows[0] ?? null;
}

export async function appendVersion(
  db: SqlSession,
  tenantId: string,
  noteId: string,
  version: number,
  edit: NoteEdit,
  at: number,
): Promise<void> {
  await db.query(
    `INSERT INTO note_versions (tenant_id, note_id, version, body, author_id, written_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [tenantId, noteId, version, edit.body, edit.authorId, at],
  );
}

/** Sets a version's acknowledgement time unless it has one: the first acknowledgement counts. */
export async function acknowledgeVersion(
  db: SqlSession,
  tenantId: string,
  noteId: string,
  version: number,
  at: number,
): Promise<void> {
  await db.query(
    `UPDATE note_versions SET acknowledged_at = $4
     WHERE tenant_id = $1 AND note_id = $2 AND version = $3 AND acknowledged_at IS NULL`,
    [tenantId, noteId, version, at],
  );
}

/** The tenant's notes, of one id or one agent if given, newest first by creation. */
export async function selectNotes(
  db: SqlSession,
  tenantId: string,
  filter: { readonly noteId?: string; readonly agentId?: string },
): Promise<CoachingNote[]> {
  const params: unknown[] = [tenantId];
  let where = 'n.tenant_id = $1';
  if (filter.noteId !== undefined) where += ` AND n.id = $${params.push(filter.noteId)}`;
  if (filter.agentId !== undefined) where += ` AND n.agent_id = $${params.push(filter.agentId)}`;
  const rows = await db.query<NoteVersionRow>(
    `SELECT n.id::text AS id, n.agent_id, n.author_id, n.ticket_id, n.kpi, n.created_at,
       v.body, v.author_id AS version_author_id, v.written_at, v.acknowledged_at
     FROM coaching_notes n
     JOIN note_versions v ON v.tenant_id = n.tenant_id AND v.note_id = n.id
     WHERE ${where}
     ORDER BY n.created_at DESC, n.id DESC, v.version`,
    params,
  );
  return groupNotes(rows);
}

/** Folds each note's consecutive rows into the note: the last is current, the rest its history. */
function groupNotes(rows: readonly NoteVersionRow[]): CoachingNote[] {
  const notes: CoachingNote[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && rows[i]!.id === rows[start]!.id) continue;
    notes.push(toNote(rows.slice(start, i)));
    start = i;
  }
  return notes;
}

function toNote(rows: readonly NoteVersionRow[]): CoachingNote {
  const current = rows[rows.length - 1]!;
  return {
    id: current.id,
    agentId: current.agent_id,
    authorId: current.author_id,
    ticketId: current.ticket_id,
    // A key the engine no longer knows is shown as a note about no KPI rather than refused.
    kpi: current.kpi !== null && isKpiKey(current.kpi) ? current.kpi : null,
    body: current.body,
    createdAt: current.created_at,
    updatedAt: current.written_at,
    acknowledgedAt: current.acknowledged_at,
    history: rows.slice(0, -1).map(toVersion),
  };
}

function toVersion(row: NoteVersionRow): NoteVersion {
  return {
    body: row.body,
    authorId: row.version_author_id,
    writtenAt: row.written_at,
    acknowledgedAt: row.acknowledged_at,
  };
}
