import type { KpiKey, KpiScores } from '@frontline/kpi';
import type { Static } from 'typebox';
import type { MissingReason } from './schemas/kpi-schemas.js';

export type Reason = Static<typeof MissingReason>;

/**
 * Why a KPI of one population (an agent or the team) has no value, from the other values of the
 * same population and window; `null` when it has one. The sidebar says it in words, so a "–"
 * never stands alone.
 */
export function missingReason(key: KpiKey, scores: KpiScores | undefined, surveySource: boolean): Reason {
  if (scores?.[key]?.value != null) return null;
  const solved = scores?.solved?.value ?? 0;
  switch (key) {
    case 'nps':
    case 'ces':
      if (!surveySource) return 'no_survey_source';
      return solved > 0 ? 'no_responses' : 'empty_window';
    case 'csat':
      // Surveys sent (when the helpdesk lists them) or tickets solved, and no answer among them.
      return (scores?.csat_response_rate?.sample ?? 0) > 0 || solved > 0 ? 'no_responses' : 'empty_window';
    case 'repeat_contact_rate':
      // A solve counts once its 7 days are over: solves there are, none old enough yet.
      return solved > 0 ? 'waiting_period' : 'empty_window';
    default:
      return 'empty_window';
  }
}
