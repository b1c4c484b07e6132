import type { KpiKey } from './kpi-keys.js';
import type { AgentKpiSet, KpiSet, KpiTickets, KpiTicketSet } from './kpi-value.js';
import { agentKpiSetOf, kpiSetOf, NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN, type KpiTotals } from './kpi-totals.js';
import { mean, median } from './statistics.js';

/** Drill-down lists for one KPI, filled only when drill-down was asked for. */
class TicketLists implements KpiTickets {
  readonly sample: string[] = [];
  readonly matching: string[] = [];
}

/**
 * Running totals for one population (the team or one agent) in one window. The engine feeds it
 * the events that fall in the window; `toKpiSet` turns the totals into KPI values. Keeping the
 * arithmetic here means the pass over the tickets only decides *which* events count.
 */
export class KpiAccumulator {
  private created = 0;
  private escalated = 0;
  private requesters = 0;
  private readonly firstReply: number[] = [];
  private readonly firstReplyBusiness: number[] = [];
  private solved = 0;
  private readonly resolution: number[] = [];
  private readonly resolutionBusiness: number[] = [];
  private replied = 0;
  private oneTouch = 0;
  private reopened = 0;
  private replies = 0;
  private repeatEligible = 0;
  private repeated = 0;
  private backlog = 0;
  private csatAnswered = 0;
  private csatPositive = 0;
  private csatSent = 0;
  private npsAnswers = 0;
  private npsPromoters = 0;
  private npsDetractors = 0;
  private cesAnswers = 0;
  private cesSum = 0;
  private readonly lists: Map<KpiKey, TicketLists> | null;

  constructor(options: { drillDown: boolean }) {
    this.lists = options.drillDown ? new Map() : null;
  }

  addCreated(ticketId: string, escalated: boolean): void {
    this.created++;
    if (escalated) this.escalated++;
    this.note('escalation_rate', ticketId, escalated);
    this.note('contact_ratio', ticketId, false);
  }

  addFirstReply(ticketId: string, minutes: number, businessMinutes: number): void {
    this.firstReply.push(minutes);
    this.firstReplyBusiness.push(businessMinutes);
    this.note('first_reply_time_median', ticketId, false);
  }

  addSolved(ticketId: string, minutes: number, businessMinutes: number, publicReplies: number, reopens: number): void {
    this.solved++;
    this.resolution.push(minutes);
    this.resolutionBusiness.push(businessMinutes);
    const reopened = reopens >= 1;
    if (reopened) this.reopened++;
    this.note('solved', ticketId, false);
    this.note('full_resolution_time_median', ticketId, false);
    this.note('reopen_rate', ticketId, reopened);
    if (publicReplies >= 1) {
      this.replied++;
      this.replies += publicReplies;
      const oneTouch = publicReplies === 1 && !reopened;
      if (oneTouch) this.oneTouch++;
      this.note('one_touch_rate', ticketId, oneTouch);
      this.note('replies_per_ticket', ticketId, false);
    }
  }

  /** Distinct requesters among the tickets created in the window (the team's contact ratio). */
  setRequesters(count: number): void {
    this.requesters = count;
  }

  /** A solved ticket whose 7-day horizon has passed; `repeated` when the requester came back. */
  addRepeatCandidate(ticketId: string, repeated: boolean): void {
    this.repeatEligible++;
    if (repeated) this.repeated++;
    this.note('repeat_contact_rate', ticketId, repeated);
  }

  addBacklog(ticketId: string): void {
    this.backlog++;
    this.note('backlog', ticketId, false);
  }

  addRating(ticketId: string, answered: boolean, positive: boolean): void {
    this.csatSent++;
    this.note('csat_response_rate', ticketId, answered);
    if (!answered) return;
    this.csatAnswered++;
    if (positive) this.csatPositive++;
    this.note('csat', ticketId, positive);
  }

  addNps(ticketId: string | null, score: number): void {
    this.npsAnswers++;
    if (score >= NPS_PROMOTER_MIN) this.npsPromoters++;
    else if (score <= NPS_DETRACTOR_MAX) this.npsDetractors++;
    if (ticketId !== null) this.note('nps', ticketId, score >= NPS_PROMOTER_MIN);
  }

  addCes(ticketId: string | null, score: number): void {
    this.cesAnswers++;
    this.cesSum += score;
    if (ticketId !== null) this.note('ces', ticketId, false);
  }

  /** The running totals, medians taken. */
  toTotals(): KpiTotals {
    return {
      created: this.created,
      escalated: this.escalated,
      requesters: this.requesters,
      firstReplies: this.firstReply.length,
      firstReplyMedian: median(this.firstReply),
      firstReplyMean: mean(this.firstReply),
      firstReplyBusinessMedian: median(this.firstReplyBusiness),
      solved: this.solved,
      resolutionMedian: median(this.resolution),
      resolutionBusinessMedian: median(this.resolutionBusiness),
      replied: this.replied,
      replies: this.replies,
      oneTouch: this.oneTouch,
      reopened: this.reopened,
      repeatEligible: this.repeatEligible,
      repeated: this.repeated,
      backlog: this.backlog,
      csatSent: this.csatSent,
      csatAnswered: this.csatAnswered,
      csatPositive: this.csatPositive,
      npsAnswers: this.npsAnswers,
      npsPromoters: this.npsPromoters,
      npsDetractors: this.npsDetractors,
      cesAnswers: this.cesAnswers,
      cesSum: this.cesSum,
    };
  }

  /** The KPI values (kpi-totals.ts). */
  toKpiSet(surveysSentKnown: boolean): KpiSet {
    return kpiSetOf(this.toTotals(), surveysSentKnown);
  }

  /** The agent's KPI values: the same, without the team-only ones. */
  toAgentKpiSet(surveysSentKnown: boolean): AgentKpiSet {
    return agentKpiSetOf(this.toTotals(), surveysSentKnown);
  }

  /** The tickets behind each KPI; empty unless drill-down was asked for. */
  toTicketSet(): KpiTicketSet {
    if (this.lists === null) return {};
    const out: Partial<Record<KpiKey, KpiTickets>> = {};
    for (const [key, lists] of this.lists) out[key] = lists;
    // These KPIs share their population with one already listed.
    const alias: [KpiKey, KpiKey][] = [
      ['first_reply_time_mean', 'first_reply_time_median'],
      ['first_reply_time_business_median', 'first_reply_time_median'],
      ['full_resolution_time_business_median', 'full_resolution_time_median'],
    ];
    for (const [key, source] of alias) if (out[source]) out[key] = out[source];
    return out;
  }

  private note(key: KpiKey, ticketId: string, matching: boolean): void {
    if (this.lists === null) return;
    let lists = this.lists.get(key);
    if (lists === undefined) {
      lists = new TicketLists();
      this.lists.set(key, lists);
    }
    lists.sample.push(ticketId);
    if (matching) lists.matching.push(ticketId);
  }
}
