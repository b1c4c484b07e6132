/**
 * Per-minute API limits by plan (references: zendesk.md §4.9, freshdesk.md §3.8).
 */

/** Zendesk plans and their account limit per minute. */
export const ZENDESK_PLANS = {
  team: 200,
  growth: 400,
  professional: 400,
  enterprise: 700,
  'enterprise-plus': 2500,
  'high-volume': 2500,
} as const;
export type ZendeskPlan = keyof typeof ZENDESK_PLANS;

/** Freshdesk plans: calls per minute, and the Tickets List sub-limit. */
export const FRESHDESK_PLANS = {
  // Trial accounts get 50/min; their Tickets List sub-limit is not documented (Growth's is assumed).
  trial: { perMinute: 50, ticketsListPerMinute: 20 },
  growth: { perMinute: 200, ticketsListPerMinute: 20 },
  pro: { perMinute: 400, ticketsListPerMinute: 100 },
  enterprise: { perMinute: 700, ticketsListPerMinute: 200 },
} as const;
export type FreshdeskPlan = keyof typeof FRESHDESK_PLANS;

/** Zendesk's own limit on the incremental export endpoints, requests per minute. */
export const ZENDESK_INCREMENTAL_PER_MINUTE = 10;

/** Explicit limits; any field given replaces the plan's value. */
export interface RateLimitOverrides {
  readonly perMinute?: number;
  /** Zendesk only. */
  readonly incrementalPerMinute?: number;
  /** Freshdesk only. */
  readonly ticketsListPerMinute?: number;
}

/** The limits an account runs with. */
export interface RateLimits {
  readonly perMinute: number;
  readonly incrementalPerMinute: number;
  readonly ticketsListPerMinute: number;
}

/** Limits of a vendor's plan (default: Zendesk Enterprise 700, Freshdesk Pro 400/100), with overrides. */
export function planLimits(
  vendor: 'zendesk' | 'freshdesk',
  plan: string | undefined,
  overrides: RateLimitOverrides = {},
): RateLimits {
  let base: RateLimits;
  if (vendor === 'zendesk') {
    const name = (plan ?? 'enterprise') as ZendeskPlan;
    const perMinute = ZENDESK_PLANS[name];
    if (perMinute === undefined)
      throw new RangeError(`unknown Zendesk plan "${plan}"; one of ${Object.keys(ZENDESK_PLANS).join(', ')}`);
    base = { perMinute, incrementalPerMinute: ZENDESK_INCREMENTAL_PER_MINUTE, ticketsListPerMinute: perMinute };
  } else {
    const name = (plan ?? 'pro') as FreshdeskPlan;
    const limits = FRESHDESK_PLANS[name];
    if (limits === undefined)
      throw new RangeError(`unknown Freshdesk plan "${plan}"; one of ${Object.keys(FRESHDESK_PLANS).join(', ')}`);
    base = { ...limits, incrementalPerMinute: limits.perMinute };
  }
  return {
    perMinute: overrides.perMinute ?? base.perMinute,
    incrementalPerMinute: overrides.incrementalPerMinute ?? base.incrementalPerMinute,
    ticketsListPerMinute: overrides.ticketsListPerMinute ?? base.ticketsListPerMinute,
  };
}
