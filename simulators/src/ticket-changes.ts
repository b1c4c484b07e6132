/**
 * The changes that make a simulated account live: new tickets, replies, notes, customer messages,
 * solves, reopens, ratings, escalations, deletions. Each one stamps the ticket with the change
 * time (Zendesk's `updated_at`/`generated_timestamp`, Freshdesk's `updated_at`) and logs it, so the
 * change streams return the ticket again.
 */
import type { AccountState } from './account-state.js';
import { TOPICS } from './history.js';
import type { Random } from './prng.js';
import { ratingComment } from './text-snippets.js';
import { NO_ASSIGNEE, RatingState, TicketFlag, TicketState } from './ticket-table.js';

/** What to change on a ticket. */
export type TicketChange =
  /** A public reply by the assignee (one is assigned if none); the ticket waits on the customer. */
  | { readonly kind: 'reply' }
  /** A private note by the assignee. */
  | { readonly kind: 'note' }
  /** The requester writes; on a solved ticket this reopens it. */
  | { readonly kind: 'customer-message' }
  | { readonly kind: 'solve' }
  /** The requester writes back on a solved ticket. */
  | { readonly kind: 'reopen' }
  /**
   * The requester answers the survey (`good`/`bad`) or is sent one (`offered`; Freshdesk keeps no
   * record of unanswered surveys). Rating again updates the same record. `neutral` and `skipped`
   * are the current CSAT's (a Zendesk survey response); the legacy scale and Freshdesk show them
   * as `bad` and `offered`.
   */
  | { readonly kind: 'rate'; readonly score: RateScore; readonly comment?: string | null }
  /** Moves the ticket to the escalation group and tags it (`tier2` by default). */
  | { readonly kind: 'escalate'; readonly tag?: 'tier2' | 'escalated' }
  | { readonly kind: 'assign'; readonly agentId: number }
  /** Waiting on a third party: a custom status on Freshdesk (7), `hold` on Zendesk. */
  | { readonly kind: 'hold' }
  | { readonly kind: 'delete' }
  | { readonly kind: 'spam' };

export type RateScore = 'good' | 'bad' | 'neutral' | 'skipped' | 'offered';

/** Optional fields of a new ticket; the rest is drawn from the account's random source. */
export interface NewTicket {
  readonly requesterId?: number;
  /** `null` leaves it unassigned (status new). */
  readonly assigneeId?: number | null;
  readonly tags?: readonly ('tier2' | 'escalated')[];
  /**
   * An e-mail the agent sends the requester (Freshdesk `source: 10`): `closed` at once, or left
   * `open`. It is assigned to its agent (one is drawn unless `assigneeId` names one).
   */
  readonly outbound?: 'closed' | 'open';
  /** Freshdesk's stats will leave `first_responded_at` null, although replies come (real accounts do). */
  readonly firstReplyUnstamped?: boolean;
}

const bump = (value: number | undefined): number => Math.min(255, (value ?? 0) + 1);

/** Creates a ticket now and returns its id. */
export function addTicket(state: AccountState, random: Random, init: NewTicket = {}): number {
  const t = state.table;
  const history = state.history;
  const at = state.changeTimeSec();
  const i = t.push();
  t.createdAt[i] = at;
  let requester = init.requesterId === undefined ? -1 : history.requesters.indexOf(init.requesterId);
  if (init.requesterId !== undefined && requester < 0) throw new RangeError(`no requester ${init.requesterId}`);
  if (requester < 0) {
    // A quarter of new tickets come from someone who wrote in recently.
    requester =
      random() < 0.25 && i > 0
        ? (t.requester[i - 1 - Math.floor(random() * Math.min(i, 500))] ?? 0)
        : Math.floor(random() * history.requesters.count);
  }
  t.requester[i] = requester;
  let assignee = NO_ASSIGNEE;
  if (init.assigneeId !== undefined && init.assigneeId !== null) {
    const agent = history.agents.find((a) => a.id === init.assigneeId);
    if (!agent) throw new RangeError(`no agent ${init.assigneeId}`);
    assignee = agent.index + 1;
  } else if (init.assigneeId === undefined && random() < 0.6) {
    assignee = 1 + Math.floor(random() * history.agents.length);
  }
  if (init.outbound !== undefined && assignee === NO_ASSIGNEE)
    assignee = 1 + Math.floor(random() * history.agents.length);
  t.assignee[i] = assignee;
  t.assigneeStations[i] = assignee === NO_ASSIGNEE ? 0 : 1;
  t.group[i] = assignee === NO_ASSIGNEE ? 0 : (history.agents[assignee - 1]?.group ?? 0);
  t.groupStations[i] = 1;
  t.status[i] = assignee === NO_ASSIGNEE ? TicketState.new : TicketState.open;
  t.priority[i] = Math.min(3, Math.floor(random() * 4));
  t.channel[i] = Math.floor(random() * 4);
  t.topic[i] = Math.floor(random() * TOPICS.length);
  for (const tag of init.tags ?? []) t.setFlag(i, tag === 'tier2' ? TicketFlag.tagTier2 : TicketFlag.tagEscalated);
  if (init.firstReplyUnstamped) t.setFlag(i, TicketFlag.firstReplyUnstamped);
  if (init.outbound !== undefined) {
    t.setFlag(i, TicketFlag.outbound);
    t.status[i] = init.outbound === 'closed' ? TicketState.closed : TicketState.open;
    if (init.outbound === 'closed') t.firstSolvedAt[i] = t.solvedAt[i] = t.closedAt[i] = at;
  }
  state.touch(i, at);
  return state.ticketId(i);
}

function ensureAssignee(state: AccountState, index: number, random: Random): number {
  const t = state.table;
  let assignee = t.assignee[index] ?? NO_ASSIGNEE;
  if (assignee === NO_ASSIGNEE) {
    assignee = 1 + Math.floor(random() * state.history.agents.length);
    t.assignee[index] = assignee;
    t.assigneeStations[index] = bump(t.assigneeStations[index]);
    t.group[index] = state.history.agents[assignee - 1]?.group ?? 0;
  }
  return assignee - 1;
}

/**
 * Applies a change to ticket `id`; throws a RangeError for an unknown or deleted ticket, a closed
 * one (except rate, delete, spam), or a change that does not fit (reopening an unsolved ticket).
 */
export function applyChange(state: AccountState, random: Random, id: number, change: TicketChange): void {
  const index = state.indexOf(id);
  if (index < 0) throw new RangeError(`no ticket ${id}`);
  if (state.isRemoved(index)) throw new RangeError(`ticket ${id} is deleted`);
  const t = state.table;
  const status = t.status[index] ?? TicketState.open;
  // Closed tickets are frozen, but can still be rated, deleted or marked as spam.
  const stillAllowed = change.kind === 'rate' || change.kind === 'delete' || change.kind === 'spam';
  if (status === TicketState.closed && !stillAllowed)
    throw new RangeError(`ticket ${id} is closed; closed tickets do not change`);
  const at = state.changeTimeSec();
  const solved = status === TicketState.solved;

  switch (change.kind) {
    case 'reply': {
      const agent = ensureAssignee(state, index, random);
      state.addMessage(index, { kind: 'reply', at, agent });
      t.replies[index] = bump(t.replies[index]);
      if ((t.firstReplyAt[index] ?? 0) === 0) t.firstReplyAt[index] = at;
      if (!solved) t.status[index] = TicketState.pending;
      break;
    }
    case 'note':
      state.addMessage(index, { kind: 'note', at, agent: ensureAssignee(state, index, random) });
      t.notes[index] = bump(t.notes[index]);
      break;
    case 'customer-message':
    case 'reopen':
      if (change.kind === 'reopen' && !solved)
        throw new RangeError(`ticket ${id} is not solved, so it cannot be reopened`);
      state.addMessage(index, { kind: 'customer', at, agent: -1 });
      t.customerMessages[index] = bump(t.customerMessages[index]);
      if (solved) {
        t.reopens[index] = bump(t.reopens[index]);
        t.reopenedAt[index] = at;
        t.solvedAt[index] = 0;
        t.status[index] = TicketState.open;
      } else if (status === TicketState.pending || status === TicketState.new) {
        t.status[index] = TicketState.open;
      }
      break;
    case 'solve': {
      if (solved) throw new RangeError(`ticket ${id} is already solved`);
      ensureAssignee(state, index, random);
      if ((t.firstSolvedAt[index] ?? 0) === 0) t.firstSolvedAt[index] = at;
      t.solvedAt[index] = at;
      t.status[index] = TicketState.solved;
      const draft = state.zigpoll.draw(index, at);
      if (draft !== null) state.zigpoll.schedule(draft);
      break;
    }
    case 'rate':
      rate(state, index, at, change.score, change.comment);
      break;
    case 'escalate':
      t.setFlag(index, change.tag === 'escalated' ? TicketFlag.tagEscalated : TicketFlag.tagTier2);
      if ((t.group[index] ?? 0) !== state.history.escalationGroup) {
        t.group[index] = state.history.escalationGroup;
        t.groupStations[index] = bump(t.groupStations[index]);
      }
      break;
    case 'assign': {
      const agent = state.history.agents.find((a) => a.id === change.agentId);
      if (!agent) throw new RangeError(`no agent ${change.agentId}`);
      if ((t.assignee[index] ?? NO_ASSIGNEE) !== agent.index + 1) {
        t.assignee[index] = agent.index + 1;
        t.assigneeStations[index] = bump(t.assigneeStations[index]);
      }
      if (status === TicketState.new) t.status[index] = TicketState.open;
      break;
    }
    case 'hold':
      if (solved) throw new RangeError(`ticket ${id} is solved; reopen it before putting it on hold`);
      t.status[index] = TicketState.hold;
      break;
    case 'delete':
      t.setFlag(index, TicketFlag.deleted);
      break;
    case 'spam':
      t.setFlag(index, TicketFlag.spam);
      break;
  }
  state.touch(index, at);
}

function rate(
  state: AccountState,
  index: number,
  at: number,
  score: RateScore,
  comment: string | null | undefined,
): void {
  const t = state.table;
  const current = t.rating[index] ?? RatingState.none;
  const answered = current === RatingState.good || current === RatingState.bad;
  if ((t.ratingOfferedAt[index] ?? 0) === 0) t.ratingOfferedAt[index] = at;
  const legacy = state.isLegacySurvey(index);
  // A legacy survey whose rating was skipped is simply not answered.
  if (score === 'offered' || (score === 'skipped' && legacy)) {
    // Offering a survey that was already answered changes nothing.
    if (answered) return;
    t.rating[index] = RatingState.offered;
    if (state.vendor === 'zendesk' && legacy && state.ratings.positionOf(index) < 0) state.ratings.add(index, at);
    return;
  }
  t.rating[index] = score === 'good' ? RatingState.good : score === 'skipped' ? RatingState.offered : RatingState.bad;
  t.ratingAnsweredAt[index] = at;
  state.ratingComments.set(index, comment ?? null);
  if (score === 'neutral' || score === 'skipped') state.surveyChoices.set(index, score);
  else state.surveyChoices.delete(index);
  const records = legacy ? state.ratings : state.responses;
  if (records.positionOf(index) < 0) records.add(index, at);
}

/** A plausible next step for a ticket, given its state, or null when it has none. */
export function nextStep(state: AccountState, index: number, random: Random): TicketChange | null {
  if (state.isRemoved(index)) return null;
  const t = state.table;
  const r = random();
  switch (t.status[index]) {
    case TicketState.new:
      return r < 0.8 ? { kind: 'reply' } : { kind: 'note' };
    case TicketState.open:
      return (t.replies[index] ?? 0) === 0 || r < 0.6
        ? { kind: 'reply' }
        : r < 0.9
          ? { kind: 'solve' }
          : { kind: 'escalate' };
    case TicketState.pending:
      return r < 0.4 ? { kind: 'customer-message' } : r < 0.9 ? { kind: 'solve' } : { kind: 'note' };
    case TicketState.hold:
      return r < 0.5 ? { kind: 'reply' } : { kind: 'solve' };
    case TicketState.solved: {
      const rating = t.rating[index] ?? RatingState.none;
      if (rating === RatingState.none || rating === RatingState.offered) {
        if (r < 0.5) {
          const good = random() < 0.78;
          const comment = random() < 0.3 ? ratingComment(good, state.ticketId(index)) : null;
          return { kind: 'rate', score: good ? 'good' : 'bad', comment };
        }
        if (r < 0.7) return { kind: 'rate', score: 'offered' };
      }
      return r < 0.85 ? { kind: 'reopen' } : null;
    }
    default:
      return null;
  }
}

/** Exponential waiting time (ms) for events at `perMinute`. */
export function nextGapMs(random: Random, perMinute: number): number {
  return perMinute > 0 ? -Math.log(1 - random()) * (60_000 / perMinute) : Infinity;
}
