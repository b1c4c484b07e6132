import type { History, Rating, Ticket } from '../src/index.js';

/** A small, fast, seeded PRNG (mulberry32) so every run measures the same history. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const STATUSES = ['open', 'pending', 'hold'] as const;
// Normalizers share one empty tag list, as the vendor normalizers do.
const NO_TAGS: readonly string[] = Object.freeze([]);
const ESCALATED: readonly string[] = Object.freeze(['tier2']);

export interface SyntheticOptions {
  readonly tickets: number;
  /** The history ends here and spans `days` before it. */
  readonly end: number;
  readonly days: number;
  readonly agents: number;
  readonly requesters: number;
  readonly seed: number;
}

/**
 * A realistic-looking normalized history: tickets spread evenly over the span, most replied to
 * and solved within days, some reopened or escalated, one in ten rated.
 */
export function syntheticHistory(options: SyntheticOptions): History {
  const random = seededRandom(options.seed);
  const start = options.end - options.days * DAY;
  const tickets: Ticket[] = new Array(options.tickets);
  const ratings: Rating[] = [];
  for (let i = 0; i < options.tickets; i++) {
    const createdAt = start + Math.floor(random() * options.days * DAY);
    const replied = random() < 0.92;
    const replyMinutes = replied ? Math.floor(random() * random() * 2 * 24 * 60) : null;
    const firstReplyAt = replyMinutes === null ? null : createdAt + replyMinutes * MIN;
    // Old tickets are almost all solved; the backlog is what came in over the last two weeks.
    const recent = createdAt > options.end - 14 * DAY;
    const solved = random() < (recent ? 0.7 : 0.995);
    const resolutionMinutes = solved ? (replyMinutes ?? 0) + Math.floor(random() * 5 * 24 * 60) : null;
    const solvedAt = resolutionMinutes === null ? null : createdAt + resolutionMinutes * MIN;
    const id = String(1_000_000 + i);
    tickets[i] = {
      id,
      requesterId: `r${Math.floor(random() * options.requesters)}`,
      assigneeId: random() < 0.97 ? `a${Math.floor(random() * options.agents)}` : null,
      groupId: null,
      status: solved ? (random() < 0.5 ? 'closed' : 'solved') : STATUSES[Math.floor(random() * 3)]!,
      createdAt,
      tags: random() < 0.05 ? ESCALATED : NO_TAGS,
      firstReplyAt,
      firstReplyMinutes: replyMinutes,
      firstReplyBusinessMinutes: replyMinutes === null ? null : replyMinutes * 0.4,
      solvedAt,
      resolutionMinutes,
      resolutionBusinessMinutes: resolutionMinutes === null ? null : resolutionMinutes * 0.35,
      publicReplies: replied ? 1 + Math.floor(random() * random() * 4) : 0,
      reopens: random() < 0.08 ? 1 : 0,
      groupStations: 1 + (random() < 0.06 ? 1 : 0),
      removed: random() < 0.002,
      outbound: false,
    };
    if (solvedAt !== null && random() < 0.1) {
      const answered = random() < 0.6;
      ratings.push({
        id: `rating${i}`,
        ticketId: id,
        agentId: null,
        requesterId: null,
        at: solvedAt + DAY,
        answered,
        positive: answered && random() < 0.85,
        comment: null,
      });
    }
  }
  return {
    tickets,
    ratings,
    surveyAnswers: [],
    agents: Array.from({ length: options.agents }, (_, i) => ({ id: `a${i}`, name: `Agent ${i}`, email: null })),
    requesters: [],
    schedule: null,
    ratingsIncludeUnanswered: true,
  };
}
