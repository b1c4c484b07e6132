import type { SurveyAnswer } from '@frontline/kpi';
import { normalizeZigpollResponsePage } from '../vendors/zigpoll/index.js';
import { listJsonFiles, normalizeJsonFiles } from './export-files.js';
import { LatestById } from './latest-by-id.js';

/** Survey answers from the optional `surveys*.json` pages (Zigpoll `GET /responses`) of an export folder. */
export async function readSurveyAnswers(dir: string): Promise<SurveyAnswer[]> {
  const answers = new LatestById<SurveyAnswer>();
  const files = await listJsonFiles(dir, 'surveys', dir, 'export pages');
  for await (const page of normalizeJsonFiles(dir, files, normalizeZigpollResponsePage)) answers.add(page);
  return answers.values();
}
