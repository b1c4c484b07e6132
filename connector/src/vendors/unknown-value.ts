/**
 * An enum value a normalizer met and does not know (a status, source or channel the vendor added
 * since): the record is kept, read as `readAs`, and reported, never a crash or a silent drop.
 */
export interface UnknownValue {
  /** The vendor's field, e.g. `status`, `source`, `via.channel`. */
  readonly field: string;
  readonly value: string | number;
  /** What the normalizer took it for, e.g. `unsolved`, `a customer contact`. */
  readonly readAs: string;
}

export type UnknownValueReporter = (unknown: UnknownValue) => void;

/** Passes each distinct unknown value on once: a history full of one new status logs one line. */
export function reportEachOnce(report: UnknownValueReporter): UnknownValueReporter {
  const seen = new Set<string>();
  return (unknown) => {
    const key = `${unknown.field}\u0000${typeof unknown.value}\u0000${unknown.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(unknown);
  };
}
