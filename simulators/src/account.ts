/**
 * A simulated Zendesk or Freshdesk account: the vendor's current state made from a generated
 * history, mutation methods and clock-driven live traffic to make it change (each change is
 * announced to `onChange` listeners, as a vendor's webhooks would be), its request gate (limits,
 * faults, auth, counters), and `truth()`, every current record in the vendor's format.
 */
import type { Clock } from '@frontline/connector/clock';
import { AccountState, type SimVendor, type ZendeskCsat } from './account-state.js';
import type { FaultOptions } from './faults.js';
import {
  freshdeskAgent,
  freshdeskBusinessHours,
  freshdeskConversations,
  freshdeskRating,
  freshdeskTicket,
  type FreshdeskAgentJson,
  type FreshdeskConversationJson,
  type FreshdeskRatingJson,
  type FreshdeskTicketJson,
} from './freshdesk-format.js';
import type { SimHistory } from './history.js';
import { planLimits, type RateLimitOverrides, type RateLimits } from './plans.js';
import { hashSeed, mulberry32, type Random } from './prng.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import { RequestGate, type SeenRequest, type SimulatorStats } from './request-gate.js';
import type { FreshdeskBusinessHoursJson } from './schedule.js';
import { addTicket, applyChange, nextGapMs, nextStep, type NewTicket, type TicketChange } from './ticket-changes.js';
import { snapshotTicket, TicketEventHub, type TicketEventListener } from './ticket-events.js';
import { TicketState } from './ticket-table.js';
import {
  zendeskComments,
  zendeskMetricSet,
  zendeskRating,
  zendeskTicket,
  zendeskUser,
  type ZendeskCommentJson,
  type ZendeskMetricSetJson,
  type ZendeskRatingJson,
  type ZendeskTicketJson,
  type ZendeskUserJson,
} from './zendesk-format.js';
import { zendeskSurveyResponse, type ZendeskSurveyResponseJson } from './zendesk-survey-format.js';
import { zigpollResponse, type ZigpollResponseJson } from './zigpoll-format.js';

/** Default base URLs of `truth()` records (handlers use the URL they were called on). */
export const DEFAULT_BASE_URLS: Readonly<Record<SimVendor, string>> = {
  zendesk: 'https://acme.zendesk.com',
  freshdesk: 'https://acme.freshdesk.com',
};

/** Zigpoll account id used in generated responses unless the handlers say otherwise. */
export const DEFAULT_ZIGPOLL_ACCOUNT_ID = 'acme-zigpoll';

export interface SimulatedAccountOptions<V extends SimVendor> {
  readonly vendor: V;
  readonly history: SimHistory;
  /** Runs ticket times, rate-limit windows, Retry-After and live traffic. Start it at or after `history.now`. */
  readonly clock: Clock;
  /** Zendesk: team, growth, professional, enterprise (default, 700/min), enterprise-plus, high-volume. Freshdesk: trial, growth, pro (default, 400/min, Tickets List 100), enterprise. */
  readonly plan?: string;
  readonly rateLimits?: RateLimitOverrides;
  readonly faults?: FaultOptions;
  /** Seed of addTicket's and live traffic's choices; default derived from the history's seed. */
  readonly seed?: number;
  /** Zendesk: which CSAT the account runs (default `legacy`); see {@link ZendeskCsat}. */
  readonly csat?: V extends 'zendesk' ? ZendeskCsat : never;
}

/** How fast live traffic runs, in events per minute of the account's clock. */
export interface LiveTrafficOptions {
  readonly ticketsPerMinute: number;
  readonly updatesPerMinute: number;
}

/** Every current Zendesk record, as the API would return it. */
export interface ZendeskTruth {
  readonly vendor: 'zendesk';
  /** Deleted and spam tickets included, with status `deleted`. */
  readonly tickets: ZendeskTicketJson[];
  /** One per ticket that is not deleted. */
  readonly metricSets: ZendeskMetricSetJson[];
  /** Agents, then end-users. */
  readonly users: ZendeskUserJson[];
  /** Legacy CSAT records, `offered` included. */
  readonly satisfactionRatings: ZendeskRatingJson[];
  /** Current CSAT survey responses (none on a legacy account). */
  readonly surveyResponses: ZendeskSurveyResponseJson[];
  /** Comments per ticket id, the description first. */
  readonly comments: Record<number, ZendeskCommentJson[]>;
  /** Published Zigpoll answers. */
  readonly surveys: ZigpollResponseJson[];
}

/** Every current Freshdesk record, as the API would return it. */
export interface FreshdeskTruth {
  readonly vendor: 'freshdesk';
  /** With `stats` and `requester`; spam and deleted tickets included, flagged. */
  readonly tickets: FreshdeskTicketJson[];
  /** Conversations per ticket id. */
  readonly conversations: Record<number, FreshdeskConversationJson[]>;
  readonly satisfactionRatings: FreshdeskRatingJson[];
  readonly agents: FreshdeskAgentJson[];
  readonly businessHours: FreshdeskBusinessHoursJson[];
  readonly surveys: ZigpollResponseJson[];
}

export type AccountTruth<V extends SimVendor> = V extends 'zendesk' ? ZendeskTruth : FreshdeskTruth;

/** One simulated vendor account. */
export interface SimulatedAccount<V extends SimVendor = SimVendor> {
  readonly vendor: V;
  readonly history: SimHistory;
  readonly clock: Clock;
  readonly limits: RateLimits;
  /** The account's model, for the handler modules (read it; change it only through the methods). */
  readonly state: AccountState;
  /** Auth, limits, faults and counters shared by every handler of the account. */
  readonly gate: RequestGate;
  /** Creates a ticket now; returns its id. */
  addTicket(init?: NewTicket): number;
  /** Changes a ticket now; see {@link TicketChange}. */
  updateTicket(id: number, change: TicketChange): void;
  /**
   * Calls `listener` right after every change of a ticket from now on, whoever made it (a test,
   * live traffic); returns the function that stops it. See `createWebhookSender`.
   */
  onChange(listener: TicketEventListener): () => void;
  /** Starts clock-driven traffic (Poisson arrivals); replaces traffic already running. */
  startLiveTraffic(options: LiveTrafficOptions): void;
  /** Stops live traffic; resolves once its loop has ended. */
  stop(): Promise<void>;
  /** Every current record in the vendor's format; `baseUrl` goes into `url` fields. */
  truth(baseUrl?: string): AccountTruth<V>;
  /** The agent's newest open ticket, as an agent working the queue would have it in view; `null` if none. */
  openTicketOf(agentId: number): { readonly id: number; readonly requesterId: number } | null;
  /** Request counters of all the account's handlers. */
  stats(): SimulatorStats;
  resetStats(): void;
  /** The latest requests the account received (see `RequestGate.requests`). */
  requests(): readonly SeenRequest[];
  /** While true, every request gets 401 ("token revoked"). */
  setAuthRevoked(revoked: boolean): void;
}

class Account<V extends SimVendor> implements SimulatedAccount<V> {
  readonly state: AccountState;
  readonly gate: RequestGate;
  readonly limits: RateLimits;
  private readonly random: Random;
  private readonly events = new TicketEventHub();
  private traffic: { controller: AbortController; done: Promise<void> } | null = null;

  constructor(private readonly options: SimulatedAccountOptions<V>) {
    this.state = new AccountState(options.vendor, options.history, options.clock, options.csat);
    this.limits = planLimits(options.vendor, options.plan, options.rateLimits);
    const scopes =
      options.vendor === 'zendesk'
        ? [
            { name: 'account', limiter: new SlidingWindowLimiter(this.limits.perMinute) },
            { name: 'incremental', limiter: new SlidingWindowLimiter(this.limits.incrementalPerMinute) },
          ]
        : [
            { name: 'account', limiter: new SlidingWindowLimiter(this.limits.perMinute) },
            { name: 'tickets-list', limiter: new SlidingWindowLimiter(this.limits.ticketsListPerMinute) },
          ];
    this.gate = new RequestGate(options.clock, scopes, options.faults);
    this.random = mulberry32(options.seed ?? hashSeed(options.history.seed, 99));
  }

  get vendor(): V {
    return this.options.vendor;
  }

  get history(): SimHistory {
    return this.options.history;
  }

  get clock(): Clock {
    return this.options.clock;
  }

  addTicket(init?: NewTicket): number {
    const id = addTicket(this.state, this.random, init);
    if (this.events.listening) {
      const index = this.state.indexOf(id);
      const atSec = this.state.table.updatedAt[index] ?? 0;
      const after = snapshotTicket(this.state, index);
      this.events.emit({ ticketId: id, change: { kind: 'create' }, atSec, before: null, after });
    }
    return id;
  }

  updateTicket(id: number, change: TicketChange): void {
    const index = this.state.indexOf(id);
    const before = this.events.listening && index >= 0 ? snapshotTicket(this.state, index) : null;
    applyChange(this.state, this.random, id, change);
    if (before !== null) {
      const atSec = this.state.table.updatedAt[index] ?? 0;
      this.events.emit({ ticketId: id, change, atSec, before, after: snapshotTicket(this.state, index) });
    }
  }

  onChange(listener: TicketEventListener): () => void {
    return this.events.on(listener);
  }

  /** One live update: a plausible next step for one of the most recent tickets. */
  private liveUpdate(): void {
    const count = this.state.table.count;
    for (let attempt = 0; attempt < 10 && count > 0; attempt++) {
      const index = count - 1 - Math.floor(this.random() * Math.min(count, 2000));
      const change = nextStep(this.state, index, this.random);
      if (change === null) continue;
      try {
        this.updateTicket(this.state.ticketId(index), change);
        return;
      } catch (error) {
        // A step that no longer fits (the test changed the ticket meanwhile): try another ticket.
        if (!(error instanceof RangeError)) throw error;
      }
    }
  }

  startLiveTraffic(options: LiveTrafficOptions): void {
    void this.stop();
    const controller = new AbortController();
    const clock = this.clock;
    const run = async (): Promise<void> => {
      let nextTicket = clock.now() + nextGapMs(this.random, options.ticketsPerMinute);
      let nextUpdate = clock.now() + nextGapMs(this.random, options.updatesPerMinute);
      while (!controller.signal.aborted) {
        const due = Math.min(nextTicket, nextUpdate);
        if (!Number.isFinite(due)) return;
        await clock.sleep(Math.max(0, due - clock.now()), controller.signal);
        const now = clock.now();
        while (nextTicket <= now) {
          this.addTicket();
          nextTicket += nextGapMs(this.random, options.ticketsPerMinute);
        }
        while (nextUpdate <= now) {
          this.liveUpdate();
          nextUpdate += nextGapMs(this.random, options.updatesPerMinute);
        }
      }
    };
    const done = run().catch((error: unknown) => {
      if (!controller.signal.aborted) throw error;
    });
    this.traffic = { controller, done };
  }

  async stop(): Promise<void> {
    const traffic = this.traffic;
    this.traffic = null;
    if (traffic === null) return;
    traffic.controller.abort();
    await traffic.done;
  }

  truth(baseUrl: string = DEFAULT_BASE_URLS[this.vendor]): AccountTruth<V> {
    const state = this.state;
    state.catchUpSurveys();
    const surveys: ZigpollResponseJson[] = [];
    for (let p = 0; p < state.zigpoll.length; p++)
      surveys.push(zigpollResponse(state, state.zigpoll.at(p), DEFAULT_ZIGPOLL_ACCOUNT_ID));
    const count = state.table.count;
    if (this.vendor === 'zendesk') {
      const tickets: ZendeskTicketJson[] = [];
      const metricSets: ZendeskMetricSetJson[] = [];
      const comments: Record<number, ZendeskCommentJson[]> = {};
      for (let i = 0; i < count; i++) {
        tickets.push(zendeskTicket(state, i, baseUrl));
        if (!state.isRemoved(i)) metricSets.push(zendeskMetricSet(state, i, baseUrl));
        comments[state.ticketId(i)] = zendeskComments(state, i);
      }
      const users = [
        ...this.history.agents.map((a) => zendeskUser(state, { agent: a.index }, baseUrl)),
        ...Array.from({ length: this.history.requesters.count }, (_, r) =>
          zendeskUser(state, { requester: r }, baseUrl),
        ),
      ];
      const satisfactionRatings = Array.from({ length: state.ratings.length }, (_, p) =>
        zendeskRating(state, p, baseUrl),
      );
      const surveyResponses = Array.from({ length: state.responses.length }, (_, p) => zendeskSurveyResponse(state, p));
      const truth: ZendeskTruth = {
        vendor: 'zendesk',
        tickets,
        metricSets,
        users,
        satisfactionRatings,
        surveyResponses,
        comments,
        surveys,
      };
      return truth as AccountTruth<V>;
    }
    const host = new URL(baseUrl).hostname;
    const tickets: FreshdeskTicketJson[] = [];
    const conversations: Record<number, FreshdeskConversationJson[]> = {};
    for (let i = 0; i < count; i++) {
      tickets.push(freshdeskTicket(state, i, { stats: true, requester: true }));
      conversations[state.ticketId(i)] = freshdeskConversations(state, i, `support@${host}`);
    }
    const truth: FreshdeskTruth = {
      vendor: 'freshdesk',
      tickets,
      conversations,
      satisfactionRatings: Array.from({ length: state.ratings.length }, (_, p) => freshdeskRating(state, p)),
      agents: this.history.agents.map((a) => freshdeskAgent(state, a.index)),
      businessHours: freshdeskBusinessHours(state),
      surveys,
    };
    return truth as AccountTruth<V>;
  }

  openTicketOf(agentId: number): { readonly id: number; readonly requesterId: number } | null {
    const agent = this.history.agents.find((a) => a.id === agentId);
    if (agent === undefined) return null;
    const { table } = this.state;
    for (let i = table.count - 1; i >= 0; i--) {
      if (table.assignee[i] !== agent.index + 1 || table.status[i] !== TicketState.open || this.state.isRemoved(i))
        continue;
      return { id: this.state.ticketId(i), requesterId: this.history.requesters.id(table.requester[i] ?? 0) };
    }
    return null;
  }

  stats(): SimulatorStats {
    return this.gate.stats();
  }

  requests(): readonly SeenRequest[] {
    return this.gate.requests();
  }

  resetStats(): void {
    this.gate.resetStats();
  }

  setAuthRevoked(revoked: boolean): void {
    this.gate.authRevoked = revoked;
  }
}

/**
 * `SimulatedAccount<'zendesk'> | SimulatedAccount<'freshdesk'>` for a vendor union, so checking
 * `account.vendor` narrows the account.
 */
export type SimulatedAccountOf<V extends SimVendor> = V extends SimVendor ? SimulatedAccount<V> : never;

/** Makes a simulated account from a history; see {@link SimulatedAccountOptions}. */
export function createSimulatedAccount<V extends SimVendor>(
  options: SimulatedAccountOptions<V>,
): SimulatedAccountOf<V> {
  return new Account(options) as unknown as SimulatedAccountOf<V>;
}
