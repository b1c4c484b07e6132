// Numbers as people read them: each KPI by its unit (docs/kpis.md: rates are fractions, durations minutes).
import { KPI_DEFINITIONS, type KpiKey } from '@frontline/kpi';
import type { Translator } from './i18n/translate.js';

/** Shown where a KPI has no value (empty sample): never 0, which would read as a result. */
export const NO_VALUE = '–';

export function formatKpiValue(kpi: KpiKey, value: number | null, tr: Translator): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  const number = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat(tr.locale, options).format(value);
  switch (KPI_DEFINITIONS[kpi].unit) {
    case 'rate':
      return number({ style: 'percent', maximumFractionDigits: 0 });
    case 'minutes':
      return formatMinutes(value, tr);
    case 'count':
      return number({ maximumFractionDigits: 0 });
    case 'score':
      return number({ maximumFractionDigits: 1 });
    case 'ratio':
      return number({ maximumFractionDigits: 2 });
  }
}

/** `45 min`, `2 h 5 min`: whole minutes, hours past 60. */
export function formatMinutes(minutes: number, tr: Translator): string {
  const total = Math.round(minutes);
  if (total < 60) return tr.t('unit.minutes', { minutes: total });
  return tr.t('unit.hoursMinutes', { hours: Math.floor(total / 60), minutes: total % 60 });
}

/** A relative change as a signed percentage: 0.12 -> `+12%`. */
export function formatChange(change: number, tr: Translator): string {
  return new Intl.NumberFormat(tr.locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  }).format(change);
}

/** A magnitude as a percentage, without sign: 0.12 -> `12%` (the words say up or down). */
export function formatPercent(fraction: number, tr: Translator): string {
  return new Intl.NumberFormat(tr.locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** Whether a change is good news for this KPI (its direction decides: fewer reopens is better). */
export function isImprovement(kpi: KpiKey, change: number): boolean {
  return KPI_DEFINITIONS[kpi].direction === 'higher_is_better' ? change > 0 : change < 0;
}

/** Below this relative change a trend reads as "about the same": day-to-day noise is not news. */
const SAME_BELOW = 0.05;

/** A change against the previous period as people say it, direction-aware; null when there is nothing to compare. */
export function trendVerdict(kpi: KpiKey, change: number | null): 'better' | 'worse' | 'same' | null {
  if (change === null || !Number.isFinite(change)) return null;
  if (Math.abs(change) < SAME_BELOW) return 'same';
  return isImprovement(kpi, change) ? 'better' : 'worse';
}

export function formatDate(iso: string, tr: Translator): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(tr.locale, { dateStyle: 'medium' }).format(date);
}

export function formatDateTime(iso: string, tr: Translator): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(tr.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
