// The drill-down's rows as the UI shows them: the API's rows (or bare ids from an older connector),
// the value that counted in words, and sorting by that value or by time, numerically.
import type { DrillDownResponse, DrillDownTicketRow } from '@frontline/connector/api';
import { KPI_DEFINITIONS, type KpiKey } from '@frontline/kpi';
import { formatMinutes } from './format.js';
import type { MessageKey, Translator } from './i18n/translate.js';

export type DrillSort = 'value' | 'time';
export type DrillOrder = 'asc' | 'desc';

/** The rows of a drill-down; an answer without rows still lists its tickets by id. */
export function rowsOf(drill: DrillDownResponse): readonly DrillDownTicketRow[] {
  const rows = (drill as Partial<DrillDownResponse>).tickets;
  if (rows !== undefined) return rows;
  return drill.sample.map((id) => ({
    id,
    subject: null,
    requester: null,
    at: null,
    value: null,
    matching: drill.matching.includes(id),
  }));
}

const YES_NO = new Set<KpiKey>([
  'csat',
  'csat_response_rate',
  'repeat_contact_rate',
  'one_touch_rate',
  'reopen_rate',
  'escalation_rate',
]);

/** The value that counted, as a person says it: `1 h 5 min`, `3 replies`, `Good`, `Came back`. */
export function rowValue(kpi: KpiKey, row: DrillDownTicketRow, tr: Translator): string {
  if (row.value !== null) {
    if (KPI_DEFINITIONS[kpi].unit === 'minutes') return formatMinutes(row.value, tr);
    if (kpi === 'replies_per_ticket') return tr.t('drill.replies', { count: row.value });
    return new Intl.NumberFormat(tr.locale, { maximumFractionDigits: 1 }).format(row.value);
  }
  if (!YES_NO.has(kpi)) return '';
  return tr.t(`drill.${row.matching ? 'yes' : 'no'}.${kpi}` as MessageKey);
}

/** Whether the row's value is bad news (a bad rating, a customer who came back), for its colour. */
export function rowIsBad(kpi: KpiKey, row: DrillDownTicketRow): boolean | null {
  if (!YES_NO.has(kpi) || row.value !== null) return null;
  // For these rates the numerator is the good outcome only where higher is better.
  return KPI_DEFINITIONS[kpi].direction === 'higher_is_better' ? !row.matching : row.matching;
}

const sortKey = (row: DrillDownTicketRow, by: DrillSort): number => {
  if (by === 'time') return row.at === null ? Number.NEGATIVE_INFINITY : Date.parse(row.at);
  return row.value ?? (row.matching ? 1 : 0);
};

/** Ids as numbers where they are (#910 before #1192), else as text. */
const byId = (a: string, b: string): number => {
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
};

export function sortRows(
  rows: readonly DrillDownTicketRow[],
  by: DrillSort,
  order: DrillOrder,
): readonly DrillDownTicketRow[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (sortKey(a, by) - sortKey(b, by) || byId(a.id, b.id)));
}
