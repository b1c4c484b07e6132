/**
 * A seeded, vendor-neutral support history: agents, groups, requesters, business hours and
 * tickets with a realistic shape (returning requesters, replies, solves, reopens, escalations,
 * ratings, a little spam). The same options always give the same history; a million tickets take
 * a few seconds and about 60 MB (typed-array columns, see ticket-table.ts).
 */
import type { BusinessSchedule } from '@frontline/kpi';
import type { AgentProfile } from './agent-profiles.js';
import { LocalDays } from './local-days.js';
import {
  makeAgents,
  makeGroups,
  requesterDirectory,
  type RequesterDirectory,
  type SimAgent,
  type SimGroup,
} from './people.js';
import { hashSeed, logNormal, mulberry32, weightedIndex, type Random } from './prng.js';
import { berlinSchedule, toBusinessSchedule, type SimSchedule } from './schedule.js';
import { NO_ASSIGNEE, RatingState, TicketFlag, TicketState, TicketTable } from './ticket-table.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Zendesk closes solved tickets after four days by default; both vendors' histories do the same. */
export const CLOSE_AFTER_MS = 4 * DAY_MS;
/** Topics give tickets a subject and a tag; their order is part of the seeded output. */
export const TOPICS = [
  { subject: 'Cannot log in after password reset', tag: 'login' },
  { subject: 'Invoice shows the wrong VAT number', tag: 'billing' },
  { subject: 'Export to CSV times out', tag: 'export' },
  { subject: 'Data missing after the migration', tag: 'migration' },
  { subject: 'How do I add a second admin?', tag: 'how-to' },
  { subject: 'Refund for a double charge', tag: 'refund' },
  { subject: 'Mobile app crashes on start', tag: 'mobile' },
  { subject: 'Feature request: dark mode', tag: 'feature-request' },
] as const;

/** What {@link generateHistory} needs. */
export interface HistoryOptions {
  readonly seed: number;
  /** Number of tickets. */
  readonly tickets: number;
  /** The tickets are created over this many days before `now`. */
  readonly days: number;
  /** Epoch milliseconds (or a Date) at which the history ends. */
  readonly now: number | Date;
  /** Default: grows with the square root of the ticket count, at least 3. */
  readonly agents?: number;
  /** Default 4; with two or more, the last one ("Tier 2") receives escalations. */
  readonly groups?: number;
  /** Default: 60 % of the ticket count. */
  readonly requesters?: number;
  /**
   * How each agent works, by agent index (see `teamProfiles`); without them every agent draws a
   * random workload and speed and shares the team's reopen and rating rates.
   */
  readonly profiles?: readonly AgentProfile[];
}

/** A generated account history; read-only once made (accounts copy the tickets). */
export interface SimHistory {
  readonly seed: number;
  /** Epoch milliseconds; every event of the history happened before it. */
  readonly now: number;
  /** Epoch milliseconds of the first possible ticket creation. */
  readonly from: number;
  readonly agents: readonly SimAgent[];
  readonly groups: readonly SimGroup[];
  readonly requesters: RequesterDirectory;
  /** Index of the escalation group in `groups`. */
  readonly escalationGroup: number;
  readonly schedule: SimSchedule;
  /** The same hours for the KPI engine, holidays written out a year around the history. */
  readonly businessSchedule: BusinessSchedule;
  /** Ticket `i` has id `i + 1`. */
  readonly tickets: TicketTable;
  /** The agents' profiles, by agent index, when the history was made with them. */
  readonly profiles: readonly AgentProfile[] | null;
}

/** Generates a history; see {@link HistoryOptions}. */
export function generateHistory(options: HistoryOptions): SimHistory {
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  const count = Math.floor(options.tickets);
  if (!(count >= 0) || !(options.days > 0) || !Number.isFinite(now)) {
    throw new RangeError(
      `generateHistory needs tickets >= 0, days > 0 and a finite now; got ${count}, ${options.days}, ${now}`,
    );
  }
  const from = now - options.days * DAY_MS;
  const random = mulberry32(options.seed);
  const groupCount = Math.max(1, options.groups ?? 4);
  const agentCount = Math.min(65_000, Math.max(1, options.agents ?? Math.max(3, Math.round(Math.sqrt(count) / 3))));
  const groups = makeGroups(groupCount);
  const agents = makeAgents(agentCount, groupCount);
  const requesters = requesterDirectory(Math.max(1, options.requesters ?? Math.round(count * 0.6)));
  const nowYear = new Date(now).getUTCFullYear();
  const schedule = berlinSchedule(`${nowYear}-${new Date(now).getUTCMonth() < 6 ? '03' : '09'}-13`);
  const days = new LocalDays(schedule, from - 2 * DAY_MS, now + 400 * DAY_MS);
  const businessSchedule = toBusinessSchedule(schedule, new Date(from).getUTCFullYear() - 1, nowYear + 2);

  const tickets = new TicketTable(count);
  const created = creationTimes(random, days, from, now, count);
  // A stream of its own, so adding what real accounts have left every other ticket as it was.
  const quirks = mulberry32(hashSeed(options.seed, 12));
  const profiles = options.profiles ?? null;
  if (profiles !== null && profiles.length < agentCount)
    throw new RangeError(
      `generateHistory needs a profile for each of the ${agentCount} agents; got ${profiles.length}`,
    );
  const generator = new TicketGenerator(random, quirks, days, tickets, agents, requesters, groupCount, now, profiles);
  for (let i = 0; i < count; i++) generator.generate(created[i] ?? now);
  return {
    seed: options.seed,
    now,
    from,
    agents,
    groups,
    requesters,
    escalationGroup: groupCount - 1,
    schedule,
    businessSchedule,
    tickets,
    profiles,
  };
}

/** Sorted creation times: weekdays and office hours busier, nights and holidays quieter. */
function creationTimes(random: Random, days: LocalDays, from: number, now: number, count: number): Float64Array {
  const first = days.dayIndex(from);
  const last = days.dayIndex(now);
  const cumulative = new Float64Array(last - first + 1);
  let total = 0;
  for (let d = first; d <= last; d++) {
    total += days.open[d] === 1 ? 1 : 0.3;
    cumulative[d - first] = total;
  }
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let t = now;
    for (let attempt = 0; attempt < 8 && !(t >= from && t < now - MINUTE_MS); attempt++) {
      const target = random() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid] ?? 0) > target) hi = mid;
        else lo = mid + 1;
      }
      const minute = random() < 0.7 ? 480 + random() * 600 : random() * 1440;
      t = (days.starts[first + lo] ?? from) + Math.floor(minute) * MINUTE_MS;
    }
    if (!(t >= from && t < now - MINUTE_MS)) t = from + random() * Math.max(0, now - MINUTE_MS - from);
    times[i] = Math.floor(t / MINUTE_MS) * MINUTE_MS;
  }
  return times.sort();
}

/** Median business minutes to a first reply of an agent of speed 1. */
const TEAM_FIRST_REPLY_MINUTES = 35;
const REOPEN_RATE = 0.09;
const GOOD_RATE = 0.78;
const REPLY_COUNT_WEIGHTS = [50, 28, 15, 7];
const CUSTOMER_MESSAGE_WEIGHTS = [45, 35, 15, 5];
const NOTE_WEIGHTS = [60, 30, 10];
const PRIORITY_WEIGHTS = [20, 55, 18, 7];
const CHANNEL_WEIGHTS = [50, 25, 15, 10];
const REPEAT_WINDOW_MS = 7 * DAY_MS;
/** Share of tickets that are e-mails an agent sent (Freshdesk outbound), most of them closed at once. */
const OUTBOUND_SHARE = 0.02;
const OUTBOUND_CLOSED_SHARE = 0.8;
/** Share of replied tickets whose Freshdesk stats do not stamp the first reply. */
const UNSTAMPED_SHARE = 0.03;

/** Writes one ticket after another, in creation order, into the table. */
class TicketGenerator {
  private readonly agentCumulative: Float64Array;
  private readonly agentSpeed: Float64Array;
  /** Oldest ticket created within the repeat window of the current one. */
  private windowStart = 0;

  constructor(
    private readonly random: Random,
    private readonly quirks: Random,
    private readonly days: LocalDays,
    private readonly table: TicketTable,
    private readonly agents: readonly SimAgent[],
    private readonly requesters: RequesterDirectory,
    private readonly groupCount: number,
    private readonly now: number,
    private readonly profiles: readonly AgentProfile[] | null,
  ) {
    this.agentCumulative = new Float64Array(agents.length);
    this.agentSpeed = new Float64Array(agents.length);
    let total = 0;
    for (let a = 0; a < agents.length; a++) {
      // Drawn with profiles too, so the tickets' draws stay where they were.
      const workload = 0.5 + random();
      const speed = 0.6 + random();
      const profile = profiles?.[a];
      total += profile?.workload ?? workload;
      this.agentCumulative[a] = total;
      this.agentSpeed[a] = profile === undefined ? speed : profile.firstReplyMinutes / TEAM_FIRST_REPLY_MINUTES;
    }
  }

  private pickAgent(): number {
    const cumulative = this.agentCumulative;
    const target = this.random() * (cumulative[cumulative.length - 1] ?? 1);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private pickRequester(i: number, created: number): number {
    const table = this.table;
    while (this.windowStart < i && (table.createdAt[this.windowStart] ?? 0) * 1000 < created - REPEAT_WINDOW_MS)
      this.windowStart++;
    // About one ticket in five comes from someone who wrote in during the past week.
    if (this.windowStart < i && this.random() < 0.2) {
      const earlier = this.windowStart + Math.floor(this.random() * (i - this.windowStart));
      return table.requester[earlier] ?? 0;
    }
    return Math.floor(this.random() * this.requesters.count);
  }

  /** Business-time delay in minutes from `t`, at least one minute. */
  private after(t: number, medianMinutes: number, sigma: number): number {
    return this.days.addBusinessMinutes(t, Math.max(1, logNormal(this.random, medianMinutes, sigma)));
  }

  generate(createdMs: number): void {
    const { random, table, now } = this;
    const i = table.push();
    const sec = (ms: number): number => Math.round(ms / MINUTE_MS) * 60;
    const agent = this.pickAgent();
    const speed = this.agentSpeed[agent] ?? 1;
    table.createdAt[i] = sec(createdMs);
    table.requester[i] = this.pickRequester(i, createdMs);
    table.priority[i] = weightedIndex(random, PRIORITY_WEIGHTS);
    table.channel[i] = weightedIndex(random, CHANNEL_WEIGHTS);
    table.topic[i] = Math.floor(random() * TOPICS.length);
    table.group[i] = this.agents[agent]?.group ?? 0;
    table.groupStations[i] = 1;
    table.assigneeStations[i] = 1;
    table.assignee[i] = agent + 1;
    let last = createdMs;
    const seen = (t: number): boolean => t <= now;

    if (random() < 0.003) {
      // Spam: flagged within minutes, never answered.
      const flagged = createdMs + (2 + random() * 20) * MINUTE_MS;
      table.status[i] = TicketState.new;
      table.assignee[i] = NO_ASSIGNEE;
      table.assigneeStations[i] = 0;
      table.flags[i] = TicketFlag.spam;
      table.updatedAt[i] = sec(seen(flagged) ? flagged : createdMs);
      if (!seen(flagged)) table.flags[i] = 0;
      return;
    }

    const escalated = this.groupCount > 1 && random() < 0.07;
    const replyCount = random() < 0.96 ? weightedIndex(random, REPLY_COUNT_WEIGHTS) + 1 : 0;
    const profile = this.profiles?.[agent];
    const reopen = replyCount > 0 && random() < (profile?.reopenRate ?? REOPEN_RATE);
    const replies = reopen ? Math.max(2, replyCount) : replyCount;
    const customerMessages = weightedIndex(random, CUSTOMER_MESSAGE_WEIGHTS);
    const notes = weightedIndex(random, NOTE_WEIGHTS) + (escalated ? 1 : 0);

    // Replies before the first solve.
    let repliesSeen = 0;
    let firstReply = 0;
    let t = createdMs;
    const before = reopen ? replies - 1 : replies;
    for (let k = 0; k < before; k++) {
      t =
        k === 0
          ? random() < 0.12
            ? t + Math.max(1, logNormal(random, 45 * (profile === undefined ? 1 : speed), 1)) * MINUTE_MS
            : this.after(t, TEAM_FIRST_REPLY_MINUTES * speed, 1.1)
          : this.after(t, 180, 1);
      if (!seen(t)) break;
      if (k === 0) firstReply = t;
      repliesSeen++;
      last = t;
    }
    const allBeforeSeen = repliesSeen === before;
    if (firstReply > 0) table.firstReplyAt[i] = sec(firstReply);

    let solvedAt = 0;
    let firstSolvedAt = 0;
    let reopenedAt = 0;
    let replyAfterReopen = false;
    const solves = replies > 0 ? random() < 0.97 : random() < 0.5;
    if (allBeforeSeen && solves) {
      const firstSolve =
        replies === 0 ? createdMs + logNormal(random, 18, 1) * HOUR_MS : this.after(last, before === 1 ? 40 : 120, 1.1);
      if (seen(firstSolve)) {
        firstSolvedAt = firstSolve;
        solvedAt = firstSolve;
        last = firstSolve;
        if (reopen) {
          const reopened = firstSolve + Math.max(10 * MINUTE_MS, logNormal(random, 20, 1) * HOUR_MS);
          if (seen(reopened)) {
            reopenedAt = reopened;
            solvedAt = 0;
            last = reopened;
            const reply = this.after(reopened, 60, 1);
            if (seen(reply)) {
              replyAfterReopen = true;
              repliesSeen++;
              last = reply;
              const finalSolve = this.after(reply, 60, 1);
              if (seen(finalSolve)) {
                solvedAt = finalSolve;
                last = finalSolve;
              }
            }
          }
        }
      }
    }

    table.replies[i] = repliesSeen;
    table.customerMessages[i] =
      (firstReply > 0 || solvedAt > 0 ? customerMessages : Math.min(customerMessages, 1)) + (reopenedAt > 0 ? 1 : 0);
    table.notes[i] = firstReply > 0 ? notes : 0;
    table.reopens[i] = reopenedAt > 0 ? 1 : 0;
    if (firstSolvedAt > 0) table.firstSolvedAt[i] = sec(firstSolvedAt);
    if (reopenedAt > 0) table.reopenedAt[i] = sec(reopenedAt);
    if (replyAfterReopen) table.flags[i] = (table.flags[i] ?? 0) | TicketFlag.replyAfterReopen;

    if (escalated && (firstReply > 0 || random() < 0.3)) {
      table.flags[i] = (table.flags[i] ?? 0) | (random() < 0.6 ? TicketFlag.tagTier2 : TicketFlag.tagEscalated);
      table.group[i] = this.groupCount - 1;
      table.groupStations[i] = 2;
      const other = this.pickAgent();
      if (other !== agent) {
        table.assignee[i] = other + 1;
        table.assigneeStations[i] = 2;
      }
    }

    if (solvedAt > 0) {
      table.solvedAt[i] = sec(solvedAt);
      table.status[i] = TicketState.solved;
      const closes = solvedAt + CLOSE_AFTER_MS;
      if (seen(closes)) {
        table.closedAt[i] = sec(closes);
        table.status[i] = TicketState.closed;
        last = Math.max(last, closes);
      }
      this.rate(i, solvedAt, profile?.goodRate ?? GOOD_RATE, (at) => (last = Math.max(last, at)));
    } else if (reopenedAt > 0) {
      table.status[i] = replyAfterReopen ? TicketState.pending : TicketState.open;
    } else if (firstReply > 0) {
      const r = random();
      table.status[i] = r < 0.65 ? TicketState.pending : r < 0.9 ? TicketState.open : TicketState.hold;
    } else if (random() < 0.4) {
      table.status[i] = TicketState.new;
      table.assignee[i] = NO_ASSIGNEE;
      table.assigneeStations[i] = 0;
    } else {
      table.status[i] = TicketState.open;
    }

    // Unsolved tickets with messages saw some activity after their last milestone.
    if (solvedAt === 0 && (table.customerMessages[i] ?? 0) + (table.notes[i] ?? 0) > 0) {
      last = Math.min(now, last + logNormal(random, 90, 1) * MINUTE_MS);
    }
    if (random() < 0.004) {
      const deleted = last + logNormal(random, 48, 1) * HOUR_MS;
      if (seen(deleted)) {
        table.flags[i] = (table.flags[i] ?? 0) | TicketFlag.deleted;
        last = deleted;
      }
    }
    table.updatedAt[i] = Math.max(sec(last), table.createdAt[i] ?? 0);
    this.addQuirks(i);
  }

  /**
   * What real accounts have besides customer tickets: e-mails an agent sent (outbound), and first
   * replies Freshdesk's stats leave unstamped. Spam and deleted tickets stay as they are.
   */
  private addQuirks(i: number): void {
    const { quirks, table } = this;
    if (table.hasFlag(i, TicketFlag.spam | TicketFlag.deleted)) return;
    const r = quirks();
    if (r < OUTBOUND_SHARE) this.makeOutbound(i, quirks() < OUTBOUND_CLOSED_SHARE);
    else if (r < OUTBOUND_SHARE + UNSTAMPED_SHARE && (table.firstReplyAt[i] ?? 0) > 0)
      table.setFlag(i, TicketFlag.firstReplyUnstamped);
  }

  /**
   * Turns ticket `i` into an e-mail its agent sent the requester: closed at once (no reply, no
   * survey), or left open and answered by the customer within two days.
   */
  private makeOutbound(i: number, closed: boolean): void {
    const { quirks, table } = this;
    const created = table.createdAt[i] ?? 0;
    if ((table.assignee[i] ?? NO_ASSIGNEE) === NO_ASSIGNEE) {
      table.assignee[i] = 1 + Math.floor(quirks() * this.agents.length);
      table.assigneeStations[i] = 1;
    }
    table.flags[i] = TicketFlag.outbound;
    table.groupStations[i] = 1;
    for (const column of [table.firstReplyAt, table.reopenedAt, table.ratingOfferedAt, table.ratingAnsweredAt])
      column[i] = 0;
    for (const column of [table.replies, table.notes, table.reopens]) column[i] = 0;
    table.rating[i] = RatingState.none;
    table.status[i] = closed ? TicketState.closed : TicketState.open;
    for (const column of [table.solvedAt, table.firstSolvedAt, table.closedAt]) column[i] = closed ? created : 0;
    table.customerMessages[i] = closed ? 0 : 1;
    const answered = Math.min(Math.floor(this.now / 1000), created + 60 + Math.floor(quirks() * 2 * 86_400));
    table.updatedAt[i] = closed ? created : answered;
  }

  /** About a fifth of solved tickets are rated; one in ten more had a survey that went unanswered. */
  private rate(i: number, solvedAt: number, goodRate: number, touch: (at: number) => void): void {
    const { random, table, now } = this;
    const r = random();
    if (r >= 0.31) return;
    const offered = solvedAt + Math.max(5, logNormal(random, 90, 0.8)) * MINUTE_MS;
    if (offered > now) return;
    table.ratingOfferedAt[i] = Math.round(offered / MINUTE_MS) * 60;
    table.rating[i] = RatingState.offered;
    touch(offered);
    if (r >= 0.21) return;
    const answered = offered + Math.max(1, logNormal(random, 180, 1.2)) * MINUTE_MS;
    if (answered > now) return;
    table.ratingAnsweredAt[i] = Math.round(answered / MINUTE_MS) * 60;
    table.rating[i] = random() < goodRate ? RatingState.good : RatingState.bad;
    let flags = table.flags[i] ?? 0;
    if (random() < 0.35) flags |= TicketFlag.ratingComment;
    if (random() < 0.03) flags |= TicketFlag.ratingWithoutAgent;
    table.flags[i] = flags;
    touch(answered);
  }
}
