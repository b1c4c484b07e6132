/** The plans with API access (`tenant add --plan`). */
export const FRESHDESK_PLANS = ['growth', 'pro', 'enterprise'] as const;
export type FreshdeskPlan = (typeof FRESHDESK_PLANS)[number];

interface PlanLimits {
  /** Calls per minute of the whole account (`X-RateLimit-Total`). */
  readonly account: number;
  /** Calls per minute of the Tickets List endpoint. */
  readonly ticketsList: number;
}

/** Calls per minute by plan (Freshdesk article 225439; reference/freshdesk.md 3.8). */
const PLAN_LIMITS: Readonly<Record<FreshdeskPlan, PlanLimits>> = {
  growth: { account: 200, ticketsList: 20 },
  pro: { account: 400, ticketsList: 100 },
  enterprise: { account: 700, ticketsList: 200 },
};

/** Trial accounts get 50 calls a minute; their Tickets List limit is not documented, so Growth's is assumed. */
const TRIAL: PlanLimits = { account: 50, ticketsList: 20 };

export function isFreshdeskPlan(plan: string): plan is FreshdeskPlan {
  return (FRESHDESK_PLANS as readonly string[]).includes(plan);
}

/** The plan's limits; without one, Growth's, the strictest, until the account's answers tell the plan. */
export function freshdeskPlanLimits(plan: FreshdeskPlan | undefined): PlanLimits {
  return PLAN_LIMITS[plan ?? 'growth'];
}

/**
 * The Tickets List limit of the plan whose account limit `X-RateLimit-Total` reports, or `null`
 * for a total of no known plan (an account on old hourly limits, or a custom one).
 */
export function freshdeskTicketsListLimitOf(accountLimit: number): number | null {
  const plan = [...Object.values(PLAN_LIMITS), TRIAL].find((limits) => limits.account === accountLimit);
  return plan?.ticketsList ?? null;
}
