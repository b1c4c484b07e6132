/** Zendesk Suite plans (`tenant add --plan`), by their account limit in requests per minute (reference/zendesk.md 4.9). */
const PLAN_LIMITS = {
  team: 200,
  growth: 400,
  professional: 400,
  enterprise: 700,
  'enterprise-plus': 2_500,
} as const;

export type ZendeskPlan = keyof typeof PLAN_LIMITS;
export const ZENDESK_PLANS = Object.keys(PLAN_LIMITS) as readonly ZendeskPlan[];

/** The plan's account limit; only the first answer's `X-Rate-Limit` is needed to learn it anyway. */
export function zendeskPlanLimit(plan: string): number | undefined {
  return (PLAN_LIMITS as Readonly<Record<string, number>>)[plan];
}
