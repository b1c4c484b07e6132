/**
 * What a benchmark reports: its figures, the bound it is held to, and how it compares
 * (`ratio` oriented so that 1 or more meets the bound, e.g. bound / measured time). The same
 * shape as the other packages' benchmarks, defined here because packages do not import each
 * other's bench code.
 */
export interface BenchResult {
  readonly name: string;
  readonly figures: Record<string, number | string>;
  readonly bound: string;
  readonly ratio: number;
  readonly pass: boolean;
}
