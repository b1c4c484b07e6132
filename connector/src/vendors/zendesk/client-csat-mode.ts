import type { VendorHttp } from '../http/vendor-http.js';
import { queryString } from '../http/query-string.js';

/** Which of Zendesk's two CSAT features an account runs; only one can be active at a time. */
export type ZendeskCsatMode = 'legacy' | 'survey-responses';

const SETTINGS = '/api/v2/account/settings';
const SURVEY_RESPONSES = '/api/v2/guide/survey_responses';

function legacyCsatActive(settings: unknown): boolean {
  const root = settings as { settings?: { active_features?: { customer_satisfaction?: unknown } } } | null;
  return root?.settings?.active_features?.customer_satisfaction === true;
}

/**
 * Tells legacy CSAT (`/api/v2/satisfaction_ratings`) from the current CSAT's survey responses
 * (reference/zendesk.md §4.5: one kind is active at a time). Legacy CSAT on (account settings
 * `active_features.customer_satisfaction`; UNSURE that Zendesk turns it off on a switch, so it is
 * asked first and trusted only when on) settles it; otherwise an account that answers a listing
 * of survey responses (documented, VERIFIED) runs the current CSAT, and one that does not has no
 * CSAT at all, whose legacy list is simply empty. Polling the lists stays the truth either way.
 */
export async function detectZendeskCsatMode(http: VendorHttp): Promise<ZendeskCsatMode> {
  const settings = await http.get({ url: SETTINGS, endpoint: SETTINGS, accept: [404] });
  if (settings.status === 200 && legacyCsatActive(settings.body)) return 'legacy';
  const probe = await http.get({
    url: `${SURVEY_RESPONSES}${queryString([['page[size]', '1']])}`,
    endpoint: SURVEY_RESPONSES,
    accept: [400, 403, 404],
  });
  return probe.status >= 200 && probe.status < 300 ? 'survey-responses' : 'legacy';
}
