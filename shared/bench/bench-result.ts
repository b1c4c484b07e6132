/** What one benchmark reports: its figures, the bound they are held to, and how they compare. */
export interface BenchResult {
  /** The benchmark's name, e.g. `business-hours`. */
  name: string;
  /** Measured figures by name, e.g. `intervalsPerSecond`. */
  figures: Record<string, number | string>;
  /** The bound in words, e.g. `>= 1,000,000 minutesBetween calls/s`. */
  bound: string;
  /** Measured over bound, oriented so that 1 or more meets it. */
  ratio: number;
  /** Whether the bound is met (`ratio >= 1`). */
  pass: boolean;
}
