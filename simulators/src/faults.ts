/**
 * Deterministic fault injection: for a seed, the n-th eligible response of an account always gets
 * the same fault (or none), so a failing test replays exactly.
 */
import { mulberry32, type Random } from './prng.js';

/** The failures a simulated vendor can produce. */
export const FAULT_KINDS = ['429', '500', '502', '503', 'timeout', 'truncated', 'duplicate-page'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Fault injection settings of an account. */
export interface FaultOptions {
  /** Share of responses (0..1) that fail; auth failures and real rate-limit refusals are not counted. */
  readonly rate: number;
  /** Which faults to draw from, uniformly; default all of {@link FAULT_KINDS}. */
  readonly kinds?: readonly FaultKind[];
  readonly seed: number;
  /** How long a `timeout` holds the response, in clock milliseconds (default 30 000). */
  readonly timeoutMs?: number;
}

/** Draws the fault of each eligible response in turn. */
export class FaultPicker {
  private readonly random: Random;
  private readonly kinds: readonly FaultKind[];
  readonly rate: number;
  readonly timeoutMs: number;

  constructor(options: FaultOptions) {
    if (!(options.rate >= 0 && options.rate <= 1))
      throw new RangeError(`fault rate must be in [0, 1], got ${options.rate}`);
    this.random = mulberry32(options.seed);
    this.kinds = options.kinds && options.kinds.length > 0 ? options.kinds : FAULT_KINDS;
    this.rate = options.rate;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Whether duplicate pages can be drawn (pages are then remembered to replay them). */
  get replaysPages(): boolean {
    return this.rate > 0 && this.kinds.includes('duplicate-page');
  }

  /** The fault for the next response, or null. Always draws twice, so the sequence is stable. */
  next(): FaultKind | null {
    const hit = this.random();
    const which = this.random();
    if (hit >= this.rate) return null;
    return this.kinds[Math.floor(which * this.kinds.length)] ?? null;
  }

  /** A small Retry-After, in seconds, for injected 429 and 503 responses. */
  retryAfterSeconds(): number {
    return 1 + Math.floor(this.random() * 5);
  }
}
