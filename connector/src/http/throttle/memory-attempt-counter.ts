import { isOver, latest, windowOf, type AttemptCounter, type Counter, type Exceeded } from './attempt-counter.js';

/** Past this many windows held, the ended ones are dropped (an address flood must not grow the map for ever). */
const SWEEP_AT = 10_000;

/** Counts in this process only: for one API process (the embedded default, tests). */
export function createMemoryAttemptCounter(): AttemptCounter {
  const counts = new Map<string, { count: number; end: number }>();

  const add = (counter: Counter, now: number): number => {
    const { key, end } = windowOf(counter, now);
    if (counts.size > SWEEP_AT) for (const [k, c] of counts) if (c.end <= now) counts.delete(k);
    const entry = counts.get(key) ?? { count: 0, end };
    entry.count++;
    counts.set(key, entry);
    return entry.count;
  };

  return {
    async check(counters, now) {
      const exceeded: Exceeded[] = [];
      for (const counter of counters) {
        const count =
          counter.counts === 'every' ? add(counter, now) : (counts.get(windowOf(counter, now).key)?.count ?? 0);
        if (isOver(counter, count)) exceeded.push({ counter, until: windowOf(counter, now).end });
      }
      return latest(exceeded);
    },
    async fail(counters, now) {
      for (const counter of counters) if (counter.counts === 'failures') add(counter, now);
    },
  };
}
