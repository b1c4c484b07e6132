/**
 * Live traffic in which every ticket runs a whole, plausible life: it arrives for an agent (by
 * workload), gets a first reply as fast as that agent replies, goes back and forth with the
 * customer a few times, is solved and now and then rated, well or badly as the agent deserves,
 * with a comment that fits. Tickets arrive at the rate that keeps the backlog where it was when
 * the traffic started (arrivals = backlog / mean time to solve, Little's law), so it stays level
 * with noise; solved tickets are never reopened live, so solved counts only grow.
 *
 * Everything is drawn from the account's seed and the start time, and happens on the account's
 * clock, so running the same spans again (a replay) gives the same tickets.
 */
import type { SimulatedAccount } from './account.js';
import type { AgentProfile } from './agent-profiles.js';
import { hashSeed, logNormal, mulberry32, type Random } from './prng.js';
import { ratingComment } from './text-snippets.js';
import type { TicketChange } from './ticket-changes.js';
import { NO_ASSIGNEE, TicketState } from './ticket-table.js';

const MINUTE_MS = 60_000;

/** What {@link startLifecycleTraffic} needs besides the account. */
export interface LifecycleTrafficOptions {
  /** How each agent works, by agent index; default: the history's profiles. */
  readonly profiles?: readonly AgentProfile[];
  /** Bounds of the arrival rate, per minute (default 0.05 and 2). */
  readonly minTicketsPerMinute?: number;
  readonly maxTicketsPerMinute?: number;
  /**
   * How many times faster than a real helpdesk tickets arrive and live (default 1, realistic):
   * a preview that must show change within a minute runs faster; the backlog stays the same.
   */
  readonly pace?: number;
}

/** The steps of one ticket's life, as minutes after the plan starts. */
export interface TicketPlan {
  readonly steps: readonly { readonly afterMinutes: number; readonly change: TicketChange }[];
  /** Minutes until the solve. */
  readonly solvedAfterMinutes: number;
}

/**
 * Median minutes the customer takes to write back, and from the last reply to the solve (mostly
 * waiting for the customer to confirm): a ticket lives hours, as in the generated history.
 */
const CUSTOMER_MINUTES = 240;
const SOLVE_MINUTES = 180;
/** Share of solved tickets whose requester answers the survey, and of those who write a comment. */
const RATED_SHARE = 0.22;
const COMMENT_SHARE = 0.4;
const MAX_ROUNDS = 4;

/** A ticket's life for an agent who works like `profile`; the first reply comes after `firstReply` minutes. */
export function planTicket(random: Random, profile: AgentProfile, ticketId: number, firstReply?: number): TicketPlan {
  const steps: { afterMinutes: number; change: TicketChange }[] = [];
  let at = firstReply ?? Math.max(1, logNormal(random, profile.firstReplyMinutes, 0.8));
  steps.push({ afterMinutes: at, change: { kind: 'reply' } });
  for (let round = 0; round < MAX_ROUNDS && random() < profile.backAndForth; round++) {
    at += Math.max(1, logNormal(random, CUSTOMER_MINUTES, 1));
    steps.push({ afterMinutes: at, change: { kind: 'customer-message' } });
    at += Math.max(1, logNormal(random, profile.firstReplyMinutes, 0.8));
    steps.push({ afterMinutes: at, change: { kind: 'reply' } });
  }
  at += Math.max(1, logNormal(random, SOLVE_MINUTES, 0.9));
  steps.push({ afterMinutes: at, change: { kind: 'solve' } });
  const solvedAfterMinutes = at;
  if (random() < RATED_SHARE) {
    at += Math.max(5, logNormal(random, 120, 1));
    const good = random() < profile.goodRate;
    const comment = random() < COMMENT_SHARE ? ratingComment(good, ticketId) : null;
    steps.push({ afterMinutes: at, change: { kind: 'rate', score: good ? 'good' : 'bad', comment } });
  }
  return { steps, solvedAfterMinutes };
}

/**
 * The life of a ticket found open: long lives are more often found open than short ones, so one of
 * a few drawn plans is taken with odds by its length (what keeps the backlog level from the start).
 */
function planInProgress(random: Random, profile: AgentProfile, ticketId: number): TicketPlan {
  const plans = Array.from({ length: 8 }, () => planTicket(random, profile, ticketId));
  const total = plans.reduce((sum, plan) => sum + plan.solvedAfterMinutes, 0);
  let target = random() * total;
  for (const plan of plans) {
    target -= plan.solvedAfterMinutes;
    if (target < 0) return plan;
  }
  return plans[plans.length - 1]!;
}

/** Mean minutes from a ticket's arrival to its solve over the team, weighted by workload. */
export function meanMinutesToSolve(profiles: readonly AgentProfile[], seed: number): number {
  const random = mulberry32(hashSeed(seed, 53));
  let total = 0;
  let weight = 0;
  for (const profile of profiles) {
    let sum = 0;
    const draws = 400;
    for (let k = 0; k < draws; k++) sum += planTicket(random, profile, 1).solvedAfterMinutes;
    total += (sum / draws) * profile.workload;
    weight += profile.workload;
  }
  return weight > 0 ? total / weight : 0;
}

interface Due {
  readonly at: number;
  readonly order: number;
  readonly run: () => void;
}

/** A min-heap of due steps by time, then by the order they were scheduled in. */
class DueQueue {
  private readonly items: Due[] = [];
  private scheduled = 0;

  get size(): number {
    return this.items.length;
  }

  peek(): Due | undefined {
    return this.items[0];
  }

  push(at: number, run: () => void): void {
    const items = this.items;
    items.push({ at, order: this.scheduled++, run });
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): Due | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && before(items[left]!, items[least]!)) least = left;
      if (right < items.length && before(items[right]!, items[least]!)) least = right;
      if (least === i) return top;
      [items[i], items[least]] = [items[least]!, items[i]!];
      i = least;
    }
  }
}

const before = (a: Due, b: Due): boolean => a.at < b.at || (a.at === b.at && a.order < b.order);

/** Tickets an agent still has to work on: not solved, closed, deleted or spam. */
export function backlogOf(account: SimulatedAccount): number[] {
  const { state } = account;
  const { table } = state;
  const open: number[] = [];
  for (let i = 0; i < table.count; i++) {
    const status = table.status[i];
    if (status === TicketState.solved || status === TicketState.closed || state.isRemoved(i)) continue;
    open.push(i);
  }
  return open;
}

/**
 * Starts the traffic now; the returned function stops it and resolves once it has. Tickets open
 * at the start are worked through as well, each at a random point of its life.
 */
export function startLifecycleTraffic(
  account: SimulatedAccount,
  options: LifecycleTrafficOptions = {},
): () => Promise<void> {
  const profiles = options.profiles ?? account.history.profiles;
  if (profiles === null || profiles.length < account.history.agents.length)
    throw new RangeError('lifecycle traffic needs a profile for each agent: give the history or the traffic profiles');
  const { clock, state } = account;
  const start = clock.now();
  const pace = options.pace ?? 1;
  if (!(pace >= 1)) throw new RangeError(`pace ${pace}: expected a number of at least 1`);
  const minuteMs = MINUTE_MS / pace;
  const random = mulberry32(hashSeed(account.history.seed, 61, Math.floor(start / 1000)));
  const queue = new DueQueue();
  const agents = account.history.agents;
  const workloads = profiles.map((p) => p.workload);
  const totalWorkload = workloads.reduce((sum, w) => sum + w, 0);
  const pickAgent = (): number => {
    let target = random() * totalWorkload;
    for (let a = 0; a < workloads.length; a++) {
      target -= workloads[a] ?? 0;
      if (target < 0) return a;
    }
    return workloads.length - 1;
  };

  /** Runs one step; a step that no longer fits (someone else changed the ticket) is left out. */
  const apply = (id: number, change: TicketChange): void => {
    try {
      account.updateTicket(id, change);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  };
  const schedule = (id: number, plan: TicketPlan, from: number, skipMinutes = 0): void => {
    for (const step of plan.steps) {
      if (step.afterMinutes < skipMinutes) continue;
      queue.push(from + (step.afterMinutes - skipMinutes) * minuteMs, () => apply(id, step.change));
    }
  };

  // The tickets open now: each somewhere in its life, the rest of which follows.
  const open = backlogOf(account);
  for (const index of open) {
    const id = state.ticketId(index);
    let assignee = state.table.assignee[index] ?? NO_ASSIGNEE;
    if (assignee === NO_ASSIGNEE) {
      const agent = pickAgent();
      queue.push(start, () => apply(id, { kind: 'assign', agentId: agents[agent]!.id }));
      assignee = agent + 1;
    }
    const plan = planInProgress(random, profiles[assignee - 1] ?? profiles[0]!, id);
    // Replied already: somewhere between the first reply and the solve; otherwise before the reply.
    const firstReply = plan.steps[0]?.afterMinutes ?? 0;
    const replied = (state.table.replies[index] ?? 0) > 0;
    const skip = replied ? firstReply + random() * (plan.solvedAfterMinutes - firstReply) : random() * firstReply;
    schedule(id, plan, start, skip);
  }

  const level = Math.max(1, open.length);
  const perMinute = Math.min(
    options.maxTicketsPerMinute ?? 2,
    Math.max(options.minTicketsPerMinute ?? 0.05, level / meanMinutesToSolve(profiles, account.history.seed)),
  );
  const gap = (): number => -Math.log(1 - random()) * (minuteMs / perMinute);
  const arrive = (): void => {
    const agent = pickAgent();
    const id = account.addTicket({ assigneeId: agents[agent]!.id });
    schedule(id, planTicket(random, profiles[agent]!, id), clock.now());
    queue.push(clock.now() + gap(), arrive);
  };
  queue.push(start + gap(), arrive);

  const controller = new AbortController();
  const done = (async () => {
    while (!controller.signal.aborted) {
      const next = queue.peek();
      if (next === undefined) return;
      await clock.sleep(Math.max(0, next.at - clock.now()), controller.signal);
      while (!controller.signal.aborted && (queue.peek()?.at ?? Infinity) <= clock.now()) queue.pop()!.run();
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) throw error;
  });
  return async () => {
    controller.abort();
    await done;
  };
}
