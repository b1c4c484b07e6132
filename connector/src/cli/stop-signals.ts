/** How long a stopping process waits for its work in hand before it gives up on it. */
export const GRACE_MS = 20_000;
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const POLL_MS = 250;

/** Resolves at the next SIGTERM or SIGINT. */
export function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      for (const s of SIGNALS) process.off(s, stop);
      resolve(signal);
    };
    for (const s of SIGNALS) process.once(s, stop);
  });
}

export interface StopBounds {
  readonly graceMs?: number;
  /** Checked while closing: true gives up at once (a dependency that stopped answering). */
  readonly hopeless?: () => boolean;
}

/** How a bounded close ended: done, or given up (and why). */
export type CloseOutcome = 'closed' | 'second signal' | 'grace period over' | 'hopeless';

/**
 * Runs `close`, giving up on it at a second stop signal, after the grace period, or as soon as
 * `hopeless()`; the caller then exits without it. A process must stop when told, whatever its
 * connections do: a close waiting on an unreachable Redis never returns by itself.
 */
export async function closeWithin(close: () => Promise<void>, bounds: StopBounds = {}): Promise<CloseOutcome> {
  let grace: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  const hopeless = bounds.hopeless ?? (() => false);
  try {
    return await Promise.race([
      close().then(() => 'closed' as const),
      nextStopSignal().then(() => 'second signal' as const),
      new Promise<CloseOutcome>((resolve) => {
        grace = setTimeout(() => resolve('grace period over'), bounds.graceMs ?? GRACE_MS);
        if (hopeless()) resolve('hopeless');
        poll = setInterval(() => hopeless() && resolve('hopeless'), POLL_MS);
      }),
    ]);
  } finally {
    clearTimeout(grace);
    clearInterval(poll);
  }
}
