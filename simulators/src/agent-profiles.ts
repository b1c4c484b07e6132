/**
 * How an agent works, for histories and live traffic that make agents differ the way real ones
 * do: one fast but often reopened, one slow but loved, steady ones, one new and still learning.
 */
import { hashSeed, mulberry32 } from './prng.js';

export type AgentProfileKind = 'lead' | 'fast-but-reopened' | 'slow-but-loved' | 'steady' | 'learning';

/** One agent's habits; the numbers are what the agent's tickets show on average. */
export interface AgentProfile {
  readonly kind: AgentProfileKind;
  /** Share of the team's tickets, relative to the other agents' weights. */
  readonly workload: number;
  /** Median minutes to the first reply (business minutes in histories, calendar minutes live). */
  readonly firstReplyMinutes: number;
  /** Share of the agent's replied tickets that the customer reopens. */
  readonly reopenRate: number;
  /** Share of the agent's answered ratings that are good. */
  readonly goodRate: number;
  /** Chance, after each reply, that the customer writes back before the ticket is solved. */
  readonly backAndForth: number;
}

/** The archetypes, before each seed's small variation. */
export const PROFILE_ARCHETYPES: Readonly<Record<AgentProfileKind, Omit<AgentProfile, 'kind'>>> = {
  // The team's lead (the account's admin) takes a few tickets and handles them well.
  lead: { workload: 0.3, firstReplyMinutes: 30, reopenRate: 0.05, goodRate: 0.86, backAndForth: 0.3 },
  'fast-but-reopened': { workload: 1.5, firstReplyMinutes: 8, reopenRate: 0.25, goodRate: 0.7, backAndForth: 0.2 },
  'slow-but-loved': { workload: 0.8, firstReplyMinutes: 120, reopenRate: 0.02, goodRate: 0.96, backAndForth: 0.25 },
  steady: { workload: 1, firstReplyMinutes: 35, reopenRate: 0.07, goodRate: 0.82, backAndForth: 0.35 },
  learning: { workload: 0.6, firstReplyMinutes: 70, reopenRate: 0.15, goodRate: 0.62, backAndForth: 0.6 },
};

/** At most this much above or below an archetype's numbers (10 %): orderings between kinds hold. */
const VARIATION = 0.1;

/**
 * Profiles for `count` agents, the same for the same seed: the first agent (the admin) is the
 * lead; the others get one fast-but-reopened, one slow-but-loved and one learning agent (as far as
 * there are agents) in seeded places, the rest steady; every number varies by up to 10 %.
 */
export function teamProfiles(seed: number, count: number): AgentProfile[] {
  const random = mulberry32(hashSeed(seed, 41));
  const kinds: AgentProfileKind[] = Array.from({ length: Math.max(0, count - 1) }, () => 'steady');
  const special: AgentProfileKind[] = ['fast-but-reopened', 'slow-but-loved', 'learning'];
  // A seeded shuffle of the places, so each demo has its own fast and slow agent.
  const places = kinds.map((_, i) => i);
  for (let i = places.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [places[i], places[j]] = [places[j]!, places[i]!];
  }
  special.forEach((kind, k) => {
    const place = places[k];
    if (place !== undefined) kinds[place] = kind;
  });
  const vary = (value: number): number => value * (1 + (random() * 2 - 1) * VARIATION);
  return (count > 0 ? (['lead', ...kinds] as AgentProfileKind[]) : []).map((kind) => {
    const base = PROFILE_ARCHETYPES[kind];
    return {
      kind,
      workload: vary(base.workload),
      firstReplyMinutes: vary(base.firstReplyMinutes),
      reopenRate: vary(base.reopenRate),
      // The share of bad ratings varies, so the loved agent stays the best rated.
      goodRate: 1 - vary(1 - base.goodRate),
      backAndForth: vary(base.backAndForth),
    };
  });
}
