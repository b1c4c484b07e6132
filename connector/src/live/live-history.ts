import type { Agent, History, Rating, Requester, SurveyAnswer, Ticket } from '@frontline/kpi';
import type { HistoryAt, HistoryChanges } from '../store/sync-store.js';

/** A tenant's history as of a revision. Never mutated: a change makes a new snapshot. */
export interface LiveSnapshot {
  readonly history: History;
  readonly revision: number;
}

const byTimeThenId = (a: { at: number; id: string }, b: { at: number; id: string }): number =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A tenant's history kept in memory and brought up to date from the rows changed since its
 * revision, so a change costs a read of those rows, not of the whole history. Each update builds
 * new arrays (the engine caches its index per tickets array, and readers of an older snapshot
 * keep a consistent one); a ticket keeps its position, a new one is appended.
 */
export class LiveHistory {
  #snapshot: LiveSnapshot;
  readonly #positions = new Map<string, number>();
  readonly #ratings: Map<string, Rating>;
  readonly #answers: Map<string, SurveyAnswer>;
  readonly #agents: Map<string, Agent>;
  readonly #requesters: Map<string, Requester>;

  constructor(start: HistoryAt) {
    this.#snapshot = start;
    const { history } = start;
    history.tickets.forEach((ticket, i) => this.#positions.set(ticket.id, i));
    this.#ratings = new Map(history.ratings.map((r) => [r.id, r]));
    this.#answers = new Map(history.surveyAnswers.map((a) => [a.id, a]));
    this.#agents = new Map(history.agents.map((a) => [a.id, a]));
    this.#requesters = new Map(history.requesters.map((r) => [r.id, r]));
  }

  get snapshot(): LiveSnapshot {
    return this.#snapshot;
  }

  /** Applies rows changed after the snapshot's revision; returns whether anything changed. */
  apply(changes: HistoryChanges): boolean {
    const before = this.#snapshot;
    if (changes.revision <= before.revision) return false;
    const history = before.history;
    const tickets =
      changes.tickets.length === 0 ? history.tickets : this.#mergeTickets(history.tickets, changes.tickets);
    const ratings = merged(this.#ratings, changes.ratings, history.ratings, byTimeThenId);
    const surveyAnswers = merged(this.#answers, changes.surveyAnswers, history.surveyAnswers, byTimeThenId);
    const agents = merged(this.#agents, changes.agents, history.agents, byId);
    const requesters = merged(this.#requesters, changes.requesters, history.requesters, byId);
    this.#snapshot = {
      revision: changes.revision,
      history: {
        ...history,
        tickets,
        ratings,
        surveyAnswers,
        agents,
        requesters,
        schedule: changes.schedule,
        ratingsIncludeUnanswered: changes.ratingsIncludeUnanswered,
      },
    };
    return true;
  }

  #mergeTickets(current: readonly Ticket[], changed: readonly Ticket[]): Ticket[] {
    const next = current.slice();
    for (const ticket of changed) {
      const at = this.#positions.get(ticket.id);
      if (at === undefined) {
        this.#positions.set(ticket.id, next.length);
        next.push(ticket);
      } else {
        next[at] = ticket;
      }
    }
    return next;
  }
}

/** The rows with `changed` replacing those of the same id, in `order`; `current` if none changed. */
function merged<T extends { id: string }>(
  rows: Map<string, T>,
  changed: readonly T[],
  current: readonly T[],
  order: (a: T, b: T) => number,
): readonly T[] {
  if (changed.length === 0) return current;
  for (const row of changed) rows.set(row.id, row);
  return [...rows.values()].sort(order);
}
