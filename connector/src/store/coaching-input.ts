import { assertKpiTarget, isKpiKey, type KpiTarget } from '@frontline/kpi';
import { isRole, MAX_NOTE_LENGTH, type NewNote, type Role } from './coaching-store.js';

// The API passes request bodies through; these checks turn bad input into a RangeError (a 400)
// before it reaches SQL, where it would be a constraint error or, worse, be stored.

/** Refuses a body without visible text or longer than {@link MAX_NOTE_LENGTH} characters. */
export function assertNoteBody(body: string): void {
  if (typeof body !== 'string' || body.trim() === '') {
    throw new RangeError('a coaching note needs a body with some text: write what the agent should know');
  }
  // Code points, as a person (and PostgreSQL's char_length) counts them, not UTF-16 units.
  const length = [...body].length;
  if (length > MAX_NOTE_LENGTH) {
    throw new RangeError(`a coaching note body has at most ${MAX_NOTE_LENGTH} characters, got ${length}: shorten it`);
  }
}

export function assertNewNote(note: NewNote): void {
  assertUserId('agentId', note.agentId);
  assertUserId('authorId', note.authorId);
  if (note.ticketId !== null && (typeof note.ticketId !== 'string' || note.ticketId === '')) {
    throw new RangeError('a coaching note ticketId is a ticket id or null, not an empty string');
  }
  if (note.kpi !== null && !isKpiKey(note.kpi)) {
    throw new RangeError(`a coaching note kpi is a KPI key or null, got ${JSON.stringify(note.kpi)}`);
  }
  assertNoteBody(note.body);
}

export function assertUserId(field: string, userId: string): void {
  if (typeof userId !== 'string' || userId === '') throw new RangeError(`${field} must be a non-empty user id`);
}

/** Times are stored as int8 milliseconds. */
export function assertTime(at: number): void {
  if (!Number.isSafeInteger(at)) throw new RangeError(`a time must be whole epoch milliseconds, got ${at}`);
}

export function assertRole(role: Role): void {
  if (!isRole(role)) throw new RangeError(`role must be agent, lead or admin, got ${JSON.stringify(role)}`);
}

/** A known KPI and thresholds in the right order for its direction. */
export function assertTarget(target: KpiTarget): void {
  if (!isKpiKey(target.kpi)) throw new RangeError(`no KPI ${JSON.stringify(target.kpi)}: use a key from KPIS.md`);
  if (
    target.direction !== undefined &&
    target.direction !== 'higher_is_better' &&
    target.direction !== 'lower_is_better'
  ) {
    throw new RangeError(`target direction must be higher_is_better or lower_is_better, got ${target.direction}`);
  }
  assertKpiTarget(target);
}
