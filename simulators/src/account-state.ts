/**
 * The current state of one simulated vendor account, shared by its mutation API, its formatters
 * and its HTTP handlers: the live copy of the tickets, their change log, messages added since the
 * history was made, rating records and Zigpoll answers.
 */
import type { Clock } from '@frontline/connector/clock';
import { createBusinessClock, type BusinessClock } from '@frontline/kpi';
import { ChangeLog, orderByKey } from './change-log.js';
import type { SimHistory } from './history.js';
import { hashSeed } from './prng.js';
import { RatingList } from './rating-list.js';
import { baseMessages, sortMessages, type SimMessage } from './timeline.js';
import { RatingState, TicketFlag, TicketState, type TicketTable } from './ticket-table.js';
import { ZigpollStore, type SurveyAnswerDraft } from './zigpoll-store.js';

/** The helpdesks the simulator plays. */
export type SimVendor = 'zendesk' | 'freshdesk';

/**
 * Which CSAT a Zendesk account runs (reference/zendesk.md §4.5): legacy satisfaction ratings, the
 * current CSAT's survey responses, or legacy until `switchedAt` (epoch ms) and survey responses
 * for surveys offered from then on.
 */
export type ZendeskCsat = 'legacy' | 'current' | { readonly switchedAt: number };

/** An answer only the current CSAT's scale has, kept beside the vendor-neutral rating state. */
export type SurveyChoice = 'neutral' | 'skipped';

export class AccountState {
  readonly base: TicketTable;
  readonly table: TicketTable;
  readonly log = new ChangeLog();
  /** Legacy satisfaction rating records (Zendesk), or the ratings (Freshdesk). */
  readonly ratings = new RatingList();
  /** Zendesk survey responses (current CSAT), in creation order: one per answered survey. */
  readonly responses = new RatingList();
  /** Surveys offered before this (epoch seconds) are legacy ones; 0 = all current, Infinity = all legacy. */
  readonly csatSwitchSec: number;
  /**
   * Current-CSAT answers per ticket index that the rating state cannot say: neutral is stored as
   * bad and skipped as offered, which is how the legacy scale (and Freshdesk) shows them.
   */
  readonly surveyChoices = new Map<number, SurveyChoice>();
  readonly zigpoll: ZigpollStore;
  readonly businessClock: BusinessClock;
  /** Messages added after the history was made, per ticket index. */
  readonly extras = new Map<number, SimMessage[]>();
  /** Rating comments written by live traffic, per ticket index (generated ones are derived). */
  readonly ratingComments = new Map<number, string | null>();
  private lastChangeSec: number;

  constructor(
    readonly vendor: SimVendor,
    readonly history: SimHistory,
    readonly clock: Clock,
    csat: ZendeskCsat = 'legacy',
  ) {
    this.csatSwitchSec =
      vendor !== 'zendesk' || csat === 'legacy'
        ? Number.POSITIVE_INFINITY
        : csat === 'current'
          ? 0
          : Math.floor(csat.switchedAt / 1000);
    this.base = history.tickets;
    this.table = history.tickets.clone(1024);
    this.businessClock = createBusinessClock(history.businessSchedule);
    this.lastChangeSec = Math.floor(history.now / 1000);
    const count = this.table.count;
    const updated = this.table.updatedAt;
    this.log.reserve(count + 1024, count + 1024);
    const order = orderByKey(count, (i) => updated[i] ?? 0);
    for (const index of order) this.log.append(index, updated[index] ?? 0);
    this.indexRatings();
    this.zigpoll = new ZigpollStore(hashSeed(history.seed, 7));
    this.drawSurveys();
  }

  private indexRatings(): void {
    const table = this.table;
    const zendesk = this.vendor === 'zendesk';
    // Zendesk keeps a legacy record from the moment a survey is offered, and a survey response
    // once one is answered; Freshdesk only has answers.
    const legacy: number[] = [];
    const responses: number[] = [];
    for (let i = 0; i < table.count; i++) {
      const state = table.rating[i] ?? RatingState.none;
      if (state === RatingState.none || this.isRemoved(i)) continue;
      if (!zendesk && state === RatingState.offered) continue;
      if (this.isLegacySurvey(i)) legacy.push(i);
      else if (state !== RatingState.offered) responses.push(i);
    }
    const key = zendesk ? table.ratingOfferedAt : table.ratingAnsweredAt;
    addInOrder(this.ratings, legacy, key);
    addInOrder(this.responses, responses, table.ratingAnsweredAt);
  }

  /** Whether the ticket's survey is a legacy one (any Freshdesk survey is). */
  isLegacySurvey(index: number): boolean {
    return (this.table.ratingOfferedAt[index] ?? 0) < this.csatSwitchSec;
  }

  private drawSurveys(): void {
    const table = this.table;
    const nowSec = Math.floor(this.history.now / 1000);
    const published: SurveyAnswerDraft[] = [];
    for (let i = 0; i < table.count; i++) {
      const solved = table.solvedAt[i] ?? 0;
      if (solved === 0 || this.isRemoved(i)) continue;
      const draft = this.zigpoll.draw(i, solved);
      if (draft === null) continue;
      if (draft.createdAt <= nowSec) published.push(draft);
      else this.zigpoll.schedule(draft);
    }
    published.sort((a, b) => a.createdAt - b.createdAt || a.ticket - b.ticket);
    for (const draft of published) this.zigpoll.publish(draft);
  }

  /** Ticket ids are index + 1. */
  ticketId(index: number): number {
    return index + 1;
  }

  /** Index of a ticket id, or -1. */
  indexOf(id: number): number {
    return Number.isInteger(id) && id >= 1 && id <= this.table.count ? id - 1 : -1;
  }

  nowSec(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  /** The time of a new change: now, but never before the history's end or an earlier change. */
  changeTimeSec(): number {
    this.lastChangeSec = Math.max(this.lastChangeSec, this.nowSec());
    return this.lastChangeSec;
  }

  /** Records a change of ticket `index` at `sec`, so change streams return it again. */
  touch(index: number, sec: number): void {
    this.table.updatedAt[index] = sec;
    this.log.append(index, sec);
  }

  /** Deleted or spam: left out of every list (Freshdesk) or shown as `deleted` (Zendesk export). */
  isRemoved(index: number): boolean {
    return this.table.hasFlag(index, TicketFlag.deleted | TicketFlag.spam);
  }

  isSolved(index: number): boolean {
    const status = this.table.status[index];
    return status === TicketState.solved || status === TicketState.closed;
  }

  /** Every message of a ticket, oldest first. */
  messages(index: number): SimMessage[] {
    const generated =
      index < this.base.count ? baseMessages(this.base, index, this.history.seed, this.ticketId(index)) : [];
    const added = this.extras.get(index);
    return added === undefined ? generated : sortMessages([...generated, ...added]);
  }

  /** Adds a live message to a ticket. */
  addMessage(index: number, message: SimMessage): void {
    const list = this.extras.get(index);
    if (list === undefined) this.extras.set(index, [message]);
    else list.push(message);
  }

  /** Publishes Zigpoll answers whose time has come. */
  catchUpSurveys(): void {
    this.zigpoll.catchUp(this.nowSec());
  }
}

/** Adds the tickets to `list` in order of `key`, ties by index. */
function addInOrder(list: RatingList, indexes: number[], key: Uint32Array): void {
  indexes.sort((a, b) => (key[a] ?? 0) - (key[b] ?? 0) || a - b);
  for (const i of indexes) list.add(i, key[i] ?? 0);
}
