import { reportEachOnce, type UnknownValueReporter } from '../vendors/unknown-value.js';

/**
 * Where an export reader tells what it read but doubts, one line each. `frontline kpi` writes
 * these on stderr, since stdout carries the JSON.
 */
export type ExportWarn = (line: string) => void;

/** Warns once per field and value that a normalizer did not know (its record is kept). */
export function warnUnknownValues(warn: ExportWarn): UnknownValueReporter {
  return reportEachOnce(({ field, value, readAs }) =>
    warn(`warning: the export has ${field} ${JSON.stringify(value)}, which Frontline does not know; read as ${readAs}`),
  );
}
