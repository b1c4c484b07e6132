/**
 * The Zigpoll survey answers of an account: NPS (0-10) and CES (1-7) answers, plus some free
 * text, given by requesters some hours after their ticket was solved. Answers scheduled for the
 * future stay pending until the clock reaches them, so the published list only ever grows at its
 * end and a cursor (the position) never misses one.
 */
import { logNormal, mulberry32, type Random } from './prng.js';

/** What a response answers. */
export const SurveyKind = { nps: 0, ces: 1, text: 2 } as const;
export type SurveyKindCode = (typeof SurveyKind)[keyof typeof SurveyKind];

/** How the response names the requester and the metric (the three shapes the connector reads). */
export const SurveyTie = {
  /** `metadata: { metric, requester_id }` */
  metadataRequesterId: 0,
  /** `metadata: { email }` and a slide handle naming the metric */
  metadataEmail: 1,
  /** `participant: { email }` and a slide type naming the metric */
  participantEmail: 2,
} as const;

/** One answer, before formatting. */
export interface SurveyAnswerRecord {
  /** Position in the published list; the response id encodes it. */
  readonly position: number;
  readonly ticket: number;
  /** Epoch seconds. */
  readonly createdAt: number;
  readonly kind: SurveyKindCode;
  readonly score: number;
  readonly tie: number;
}

export interface SurveyAnswerDraft {
  readonly ticket: number;
  readonly createdAt: number;
  readonly kind: SurveyKindCode;
  readonly score: number;
  readonly tie: number;
}

const NPS_WEIGHTS = [2, 1, 1, 1, 2, 3, 4, 6, 10, 14, 16];

export class ZigpollStore {
  private tickets = new Uint32Array(256);
  private times = new Uint32Array(256);
  private kinds = new Uint8Array(256);
  private scores = new Uint8Array(256);
  private ties = new Uint8Array(256);
  length = 0;
  /** Future answers, oldest first. */
  private pending: SurveyAnswerDraft[] = [];
  private readonly random: Random;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  /**
   * Maybe schedules answers for a ticket solved at `solvedAtSec`: about 12 % NPS, 6 % CES and 2 %
   * free text. Returns the answers' times so history generation can publish them in order.
   */
  draw(ticket: number, solvedAtSec: number): SurveyAnswerDraft | null {
    const random = this.random;
    const r = random();
    const kind: SurveyKindCode | null =
      r < 0.12 ? SurveyKind.nps : r < 0.18 ? SurveyKind.ces : r < 0.2 ? SurveyKind.text : null;
    if (kind === null) return null;
    const createdAt = solvedAtSec + Math.round(Math.max(10, logNormal(random, 240, 1)) * 60);
    let score = 0;
    if (kind === SurveyKind.nps) {
      let target = random() * 62;
      score = 0;
      while (score < 10 && (target -= NPS_WEIGHTS[score] ?? 0) >= 0) score++;
    } else if (kind === SurveyKind.ces) {
      score = Math.min(7, Math.max(1, Math.round(5.4 + (random() - 0.5) * 4)));
    }
    return { ticket, createdAt, kind, score, tie: Math.floor(random() * 3) };
  }

  /** Adds an answer that is already in the past, in time order (callers publish sorted). */
  publish(answer: SurveyAnswerDraft): void {
    if (this.length === this.tickets.length) this.grow(this.length * 2);
    const at = this.length++;
    this.tickets[at] = answer.ticket;
    this.times[at] = answer.createdAt;
    this.kinds[at] = answer.kind;
    this.scores[at] = answer.score;
    this.ties[at] = answer.tie;
  }

  /** Queues a future answer. */
  schedule(answer: SurveyAnswerDraft): void {
    let at = this.pending.length;
    while (at > 0 && (this.pending[at - 1]?.createdAt ?? 0) > answer.createdAt) at--;
    this.pending.splice(at, 0, answer);
  }

  /** Publishes every pending answer whose time has come. */
  catchUp(nowSec: number): void {
    let due = 0;
    while (due < this.pending.length && (this.pending[due]?.createdAt ?? Infinity) <= nowSec) due++;
    if (due === 0) return;
    for (const answer of this.pending.splice(0, due)) this.publish(answer);
  }

  at(position: number): SurveyAnswerRecord {
    return {
      position,
      ticket: this.tickets[position] ?? 0,
      createdAt: this.times[position] ?? 0,
      kind: (this.kinds[position] ?? 0) as SurveyKindCode,
      score: this.scores[position] ?? 0,
      tie: this.ties[position] ?? 0,
    };
  }

  private grow(capacity: number): void {
    const wide = (old: Uint32Array): Uint32Array<ArrayBuffer> => {
      const next = new Uint32Array(capacity);
      next.set(old);
      return next;
    };
    const narrow = (old: Uint8Array): Uint8Array<ArrayBuffer> => {
      const next = new Uint8Array(capacity);
      next.set(old);
      return next;
    };
    this.tickets = wide(this.tickets);
    this.times = wide(this.times);
    this.kinds = narrow(this.kinds);
    this.scores = narrow(this.scores);
    this.ties = narrow(this.ties);
  }
}
