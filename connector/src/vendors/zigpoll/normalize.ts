/**
 * Zigpoll responses -> model survey answers (NPS 0-10, CES 1-7). The response fields beyond
 * `_id` and `createdAt` are assumed; schema.ts lists what is UNSURE.
 */
import type { SurveyAnswer, SurveyMetric } from '@frontline/kpi';
import { parsePayload } from '../parse-payload.js';
import { PayloadError } from '../payload-error.js';
import { zigpollResponsePageSchema, type ZigpollResponse } from './schema.js';

/** The score range of each metric. */
const SCALES: Readonly<Record<SurveyMetric, { readonly min: number; readonly max: number }>> = {
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

/** Words in a slide's type or handle that name a metric; whole words, so "choices" is not CES. */
const SLIDE_WORDS: readonly (readonly [RegExp, SurveyMetric])[] = [
  [/(^|[^a-z])(nps|net[^a-z]?promoter)([^a-z]|$)/i, 'nps'],
  [/(^|[^a-z])(ces|customer[^a-z]?effort)([^a-z]|$)/i, 'ces'],
];

/** The metric a response answers: `metadata.metric` when set, else the slide's type or handle. */
function metricOf(response: ZigpollResponse): SurveyMetric | null {
  const declared = response.metadata?.metric?.trim().toLowerCase();
  if (declared) return declared === 'nps' || declared === 'ces' ? declared : null;
  for (const label of [response.slide?.type, response.slide?.handle]) {
    if (!label) continue;
    for (const [pattern, metric] of SLIDE_WORDS) if (pattern.test(label)) return metric;
  }
  return null;
}

function scoreOf(response: ZigpollResponse, metric: SurveyMetric, index: number): number {
  const field = response.response !== null && response.response !== undefined ? 'response' : 'value';
  const raw = response[field];
  const score = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  const { min, max } = SCALES[metric];
  if (typeof score !== 'number' || !Number.isInteger(score) || score < min || score > max) {
    throw new PayloadError(
      `data[${index}].${field}`,
      `expected a whole ${metric.toUpperCase()} score from ${min} to ${max}, got ${JSON.stringify(raw ?? null)}`,
    );
  }
  return score;
}

/**
 * One page of Zigpoll `GET /responses` as survey answers. A response that answers neither NPS
 * nor CES is skipped; one that does but has no valid score throws a `PayloadError`.
 */
export function normalizeZigpollResponsePage(page: unknown): SurveyAnswer[] {
  const parsed = parsePayload(zigpollResponsePageSchema, page);
  const answers: SurveyAnswer[] = [];
  parsed.data.forEach((response, index) => {
    const metric = metricOf(response);
    if (metric === null) return;
    const requesterId = response.metadata?.requester_id ?? null;
    answers.push({
      id: response._id,
      metric,
      score: scoreOf(response, metric, index),
      at: response.createdAt,
      requesterId,
      requesterEmail: response.metadata?.email || response.participant?.email || null,
    });
  });
  return answers;
}
