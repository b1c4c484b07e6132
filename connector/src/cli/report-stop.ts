import type { CliIo } from './cli-io.js';
import { GRACE_MS, type CloseOutcome } from './stop-signals.js';

const GAVE_UP: Record<Exclude<CloseOutcome, 'closed'>, string> = {
  'second signal': 'at the second signal',
  'grace period over': `after waiting ${GRACE_MS / 1000} s`,
  hopeless: 'at once: Redis does not answer',
};

/** What a stop that gave up left, and why nothing is lost. */
const LEFT = {
  API: 'the requests in flight (their clients retry)',
  worker: 'the jobs in hand: they return to the queue within 30 s, and their syncs resume from the last saved page',
} as const;

/** The last line of a stopping process: stopped, or how it gave up and what that leaves. */
export function reportStop(what: 'API' | 'worker', outcome: CloseOutcome, io: CliIo): void {
  if (outcome === 'closed') {
    io.stderr(`${what} stopped\n`);
    return;
  }
  io.stderr(`${what} stopped ${GAVE_UP[outcome]}, without waiting for ${LEFT[what]}\n`);
}
