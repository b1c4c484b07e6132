import type { KpiKey } from './kpi-keys.js';
import type { AgentKpiSet, KpiSet, KpiTickets, KpiTicketSet, KpiValue } from './kpi-value.js';
import { mean, median, ratio } from './statistics.js';

/** Drill-down lists for one KPI, filled only when drill-down was asked for. */
class TicketLists implements KpiTickets {
  readonly sample: string[] = [];
  readonly matching: string[] = [];
}

const NPS_PROMOTER_MIN = 9;
const NPS_DETRACTOR_MAX = 6;

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

  /**
   * The KPI values. `surveysSentKnown` is false when the helpdesk reports only answered
   * surveys, which leaves the response rate unknown rather than 100%.
   */
  toKpiSet(surveysSentKnown: boolean): KpiSet {
    const count = (n: number): KpiValue => ({ value: n, sample: n });
    const of = (value: number | null, sample: number): KpiValue => ({ value: sample === 0 ? null : value, sample });
    return {
      solved: count(this.solved),
      first_reply_time_median: of(median(this.firstReply), this.firstReply.length),
      first_reply_time_mean: of(mean(this.firstReply), this.firstReply.length),
      first_reply_time_business_median: of(median(this.firstReplyBusiness), this.firstReplyBusiness.length),
      full_resolution_time_median: of(median(this.resolution), this.resolution.length),
      full_resolution_time_business_median: of(median(this.resolutionBusiness), this.resolutionBusiness.length),
      one_touch_rate: of(ratio(this.oneTouch, this.replied), this.replied),
      reopen_rate: of(ratio(this.reopened, this.solved), this.solved),
      replies_per_ticket: of(ratio(this.replies, this.replied), this.replied),
      csat: of(ratio(this.csatPositive, this.csatAnswered), this.csatAnswered),
      csat_response_rate: surveysSentKnown ? of(ratio(this.csatAnswered, this.csatSent), this.csatSent) : of(null, 0),
      repeat_contact_rate: of(ratio(this.repeated, this.repeatEligible), this.repeatEligible),
      escalation_rate: of(ratio(this.escalated, this.created), this.created),
      backlog: count(this.backlog),
      nps: of(ratio(100 * (this.npsPromoters - this.npsDetractors), this.npsAnswers), this.npsAnswers),
      ces: of(ratio(this.cesSum, this.cesAnswers), this.cesAnswers),
      contact_ratio: of(ratio(this.created, this.requesters), this.requesters),
    };
  }

  /** The agent's KPI values: the same, without the team-only ones. */
  toAgentKpiSet(surveysSentKnown: boolean): AgentKpiSet {
    const { contact_ratio: _teamOnly, ...agent } = this.toKpiSet(surveysSentKnown);
    return agent;
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
