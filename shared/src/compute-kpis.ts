import { createBusinessClock } from './business-hours.js';
import { KpiAccumulator } from './kpi-accumulator.js';
import type { AgentKpiSet, KpiSet, KpiTicketSet } from './kpi-value.js';
import { indexHistory, type HistoryIndex } from './history-index.js';
import type { History, Rating, SurveyAnswer, Ticket } from './model.js';
import { isEscalated } from './ticket-facts.js';
import { isCustomerContact, isSolvedNow } from './ticket-rules.js';
import { assertTimeWindow, type TimeWindow } from './time-window.js';

/** Tags that mark a ticket as escalated unless the tenant chose others. */
export const DEFAULT_ESCALATION_TAGS: readonly string[] = ['escalated', 'tier2', 'engineering'];

/** How far the repeat-contact rule and survey matching look: 7 days. */
export const REPEAT_HORIZON_MS = 168 * 60 * 60 * 1000;

const MINUTE_MS = 60_000;

export interface KpiOptions {
  /** The time of computation: a solved ticket counts for repeat contacts once its 7 days are over. */
  readonly now: number;
  /** Escalation tags (compared case-insensitively); default {@link DEFAULT_ESCALATION_TAGS}. */
  readonly escalationTags?: readonly string[];
  /** Agents to report on; default every agent in the history or seen in its events. */
  readonly agentIds?: readonly string[];
  /** Also list the ticket ids behind every value (in the same pass). */
  readonly drillDown?: boolean;
}

/** The KPIs of one window, for the team and per agent. */
export interface KpiReport {
  readonly window: TimeWindow;
  readonly team: KpiSet;
  readonly agents: ReadonlyMap<string, AgentKpiSet>;
  readonly teamTickets: KpiTicketSet;
  readonly agentTickets: ReadonlyMap<string, KpiTicketSet>;
}

/** Accumulators of one window: the team and each agent. */
class WindowTotals {
  readonly team: KpiAccumulator;
  readonly agents = new Map<string, KpiAccumulator>();
  /** Accumulators by the index's assignee number: no hashing in the pass. */
  private readonly byAssignee: (KpiAccumulator | null | undefined)[] = [];

  constructor(
    readonly window: TimeWindow,
    private readonly drillDown: boolean,
    private readonly agentFilter: ReadonlySet<string> | null,
    private readonly assigneeIds: readonly string[],
  ) {
    this.team = new KpiAccumulator({ drillDown });
  }

  /** The accumulator of the ticket assignee numbered `n` by the history index (-1: none). */
  assignee(n: number): KpiAccumulator | null {
    if (n < 0) return null;
    let acc = this.byAssignee[n];
    if (acc === undefined) {
      acc = this.agent(this.assigneeIds[n]!);
      this.byAssignee[n] = acc;
    }
    return acc;
  }

  /** The agent's accumulator, or `null` for no agent or an agent outside the filter. */
  agent(agentId: string | null): KpiAccumulator | null {
    if (agentId === null) return null;
    let acc = this.agents.get(agentId);
    if (acc === undefined) {
      if (this.agentFilter !== null && !this.agentFilter.has(agentId)) return null;
      acc = new KpiAccumulator({ drillDown: this.drillDown });
      this.agents.set(agentId, acc);
    }
    return acc;
  }
}

/**
 * Computes every KPI of KPIS.md for each window, for the team and per agent, in one pass over
 * the tickets (plus one over ratings and survey answers). Event-time cohorts: a ticket counts in
 * the window of its defining event. Deleted and spam tickets are left out of everything; a solve
 * counts only while the ticket is solved now; outbound tickets count only in backlog and CSAT
 * (ticket-rules.ts).
 */
export function computeKpis(history: History, windows: readonly TimeWindow[], options: KpiOptions): KpiReport[] {
  windows.forEach(assertTimeWindow);
  if (!Number.isFinite(options.now)) throw new RangeError(`now must be a finite time, got ${options.now}`);
  const drillDown = options.drillDown ?? false;
  const agentFilter = options.agentIds ? new Set(options.agentIds) : null;
  const escalationTags = new Set((options.escalationTags ?? DEFAULT_ESCALATION_TAGS).map((t) => t.toLowerCase()));
  const clock = history.schedule ? createBusinessClock(history.schedule) : null;
  const tickets = history.tickets;
  const index = indexHistory(tickets);
  const totals = windows.map((w) => new WindowTotals(w, drillDown, agentFilter, index.assigneeIds));
  const earliest = Math.min(...windows.map((w) => w.from));
  const lastEnd = Math.max(...windows.map((w) => w.to));
  // One stamp array per window: a requester counts once towards the contact ratio.
  const requesterSeen = windows.map(() => new Uint8Array(index.requesterCount));
  const requestersInWindow = windows.map(() => 0);
  // Solved tickets whose 7 days have passed, as (position, window) pairs: resolved after the pass.
  const repeatCandidates: number[] = [];

  for (let k = 0; k < tickets.length; k++) {
    const ticket = tickets[k]!;
    if (ticket.removed) continue;
    const createdAt = ticket.createdAt;
    if (createdAt >= lastEnd) continue;
    const lastSolve = ticket.solvedAt;
    const solvedNow = isSolvedNow(ticket);
    // Most of a long history ended before the earliest window: nothing of it counts.
    if (
      solvedNow &&
      createdAt < earliest &&
      (lastSolve === null || lastSolve < earliest) &&
      (ticket.firstReplyAt === null || ticket.firstReplyAt < earliest)
    ) {
      continue;
    }
    // An outbound ticket is no customer contact: it is only ever backlog (and rated, below).
    const contact = isCustomerContact(ticket);
    const repliedAt = contact ? ticket.firstReplyAt : null;
    // countedSolveTime(ticket), from the two answers already at hand.
    const solvedAt = contact && solvedNow ? lastSolve : null;

    for (let w = 0; w < totals.length; w++) {
      const t = totals[w]!;
      const from = t.window.from;
      const to = t.window.to;
      const created = contact && createdAt >= from && createdAt < to;
      const replied = repliedAt !== null && repliedAt >= from && repliedAt < to;
      const solved = solvedAt !== null && solvedAt >= from && solvedAt < to;
      // Unsolved at `to`. Only the latest solve is known, so a ticket unsolved now counts as open.
      const open = createdAt < to && (!solvedNow || (lastSolve !== null && lastSolve >= to));
      if (!created && !replied && !solved && !open) continue;
      // Looked up only for tickets with an event in the window.
      const agent = t.assignee(index.assigneeOf[k]!);
      if (created) {
        const escalated = isEscalated(ticket, escalationTags);
        t.team.addCreated(ticket.id, escalated);
        agent?.addCreated(ticket.id, escalated);
        const seen = requesterSeen[w]!;
        const requester = index.requesterOf[k]!;
        if (seen[requester] === 0) {
          seen[requester] = 1;
          requestersInWindow[w]!++;
        }
      }
      if (replied) {
        const minutes = ticket.firstReplyMinutes ?? (repliedAt - createdAt) / MINUTE_MS;
        const business = ticket.firstReplyBusinessMinutes ?? clock?.minutesBetween(createdAt, repliedAt) ?? minutes;
        t.team.addFirstReply(ticket.id, minutes, business);
        agent?.addFirstReply(ticket.id, minutes, business);
      }
      if (solved) {
        const minutes = ticket.resolutionMinutes ?? (solvedAt - createdAt) / MINUTE_MS;
        const business = ticket.resolutionBusinessMinutes ?? clock?.minutesBetween(createdAt, solvedAt) ?? minutes;
        t.team.addSolved(ticket.id, minutes, business, ticket.publicReplies, ticket.reopens);
        agent?.addSolved(ticket.id, minutes, business, ticket.publicReplies, ticket.reopens);
        if (solvedAt + REPEAT_HORIZON_MS <= options.now) repeatCandidates.push(k, w);
      }
      if (open) {
        // The team's backlog is every unsolved ticket, assigned or not.
        t.team.addBacklog(ticket.id);
        agent?.addBacklog(ticket.id);
      }
    }
  }

  totals.forEach((t, w) => t.team.setRequesters(requestersInWindow[w]!));

  for (let i = 0; i < repeatCandidates.length; i += 2) {
    const position = repeatCandidates[i]!;
    const t = totals[repeatCandidates[i + 1]!]!;
    const ticket = tickets[position]!;
    const repeated = cameBack(tickets, index, position);
    t.team.addRepeatCandidate(ticket.id, repeated);
    t.agent(ticket.assigneeId)?.addRepeatCandidate(ticket.id, repeated);
  }

  for (const { rating, window: w } of ratingsInWindows(history.ratings, windows)) {
    const position = index.positionOf(rating.ticketId);
    const ticket = position < 0 ? null : tickets[position]!;
    if (ticket?.removed) continue;
    const t = totals[w]!;
    t.team.addRating(rating.ticketId, rating.answered, rating.positive);
    t.agent(rating.agentId ?? ticket?.assigneeId ?? null)?.addRating(rating.ticketId, rating.answered, rating.positive);
  }

  const byEmail = requestersByEmail(history);
  for (const { answer, window: w } of answersInWindows(history.surveyAnswers, windows)) {
    const t = totals[w]!;
    const requesterId = answer.requesterId ?? byEmail(answer.requesterEmail);
    const requester = requesterId === null ? -1 : index.requesterNumber(requesterId);
    const ticket = requester < 0 ? null : latestSolveBefore(tickets, index, requester, answer.at);
    const ticketId = ticket?.id ?? null;
    const agent = t.agent(ticket?.assigneeId ?? null);
    if (answer.metric === 'nps') {
      t.team.addNps(ticketId, answer.score);
      agent?.addNps(ticketId, answer.score);
    } else {
      t.team.addCes(ticketId, answer.score);
      agent?.addCes(ticketId, answer.score);
    }
  }

  const agentIds = options.agentIds ?? history.agents.map((a) => a.id);
  return totals.map((t) => {
    for (const id of agentIds) t.agent(id);
    const agents = new Map<string, AgentKpiSet>();
    const agentTickets = new Map<string, KpiTicketSet>();
    for (const [id, acc] of t.agents) {
      agents.set(id, acc.toAgentKpiSet(history.ratingsIncludeUnanswered));
      agentTickets.set(id, acc.toTicketSet());
    }
    return {
      window: t.window,
      team: t.team.toKpiSet(history.ratingsIncludeUnanswered),
      agents,
      teamTickets: t.team.toTicketSet(),
      agentTickets,
    };
  });
}

/**
 * Whether the requester of the ticket at `position` created another ticket within 7 days after
 * its solve. The index lists only customer contacts: deleted, spam and outbound tickets are no
 * "another ticket".
 */
function cameBack(tickets: readonly Ticket[], index: HistoryIndex, position: number): boolean {
  const solvedAt = tickets[position]!.solvedAt!;
  const horizon = solvedAt + REPEAT_HORIZON_MS;
  const requester = index.requesterOf[position]!;
  for (let i = index.starts[requester]!; i < index.starts[requester + 1]!; i++) {
    const createdAt = index.createdAt[i]!;
    if (createdAt >= solvedAt && createdAt < horizon && index.positions[i] !== position) return true;
  }
  return false;
}

/**
 * The requester's ticket solved last within the 7 days up to `time`, among customer contacts
 * (the index lists no outbound ticket: the answer is about a contact, not the agent's message).
 * A ticket reopened since still matches: its solve did happen before the answer.
 */
function latestSolveBefore(
  tickets: readonly Ticket[],
  index: HistoryIndex,
  requester: number,
  time: number,
): Ticket | null {
  let best: Ticket | null = null;
  for (let i = index.starts[requester]!; i < index.starts[requester + 1]!; i++) {
    const ticket = tickets[index.positions[i]!]!;
    const at = ticket.solvedAt;
    if (at === null || at > time || at < time - REPEAT_HORIZON_MS) continue;
    if (best === null || at > best.solvedAt!) best = ticket;
  }
  return best;
}

function ratingsInWindows(
  ratings: readonly Rating[],
  windows: readonly TimeWindow[],
): { rating: Rating; window: number }[] {
  const out: { rating: Rating; window: number }[] = [];
  for (const rating of ratings) {
    windows.forEach((w, i) => {
      if (rating.at >= w.from && rating.at < w.to) out.push({ rating, window: i });
    });
  }
  return out;
}

function answersInWindows(
  answers: readonly SurveyAnswer[],
  windows: readonly TimeWindow[],
): { answer: SurveyAnswer; window: number }[] {
  const out: { answer: SurveyAnswer; window: number }[] = [];
  for (const answer of answers) {
    windows.forEach((w, i) => {
      if (answer.at >= w.from && answer.at < w.to) out.push({ answer, window: i });
    });
  }
  return out;
}

/** Requester id by e-mail (case-insensitive), for survey answers known only by e-mail. */
function requestersByEmail(history: History): (email: string | null) => string | null {
  let byEmail: Map<string, string> | null = null;
  return (email) => {
    if (email === null) return null;
    if (byEmail === null) {
      byEmail = new Map();
      for (const r of history.requesters) if (r.email !== null) byEmail.set(r.email.toLowerCase(), r.id);
    }
    return byEmail.get(email.toLowerCase()) ?? null;
  };
}
