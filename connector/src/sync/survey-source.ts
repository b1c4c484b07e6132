import type { SurveyAnswer } from '@frontline/kpi';
import type { Page, StreamStart } from '../vendors/vendor-client.js';

/** Where pulse-survey answers (NPS, CES) come from, page by page. */
export interface SurveySource {
  answersSince(start: StreamStart): Promise<Page<SurveyAnswer>>;
}
