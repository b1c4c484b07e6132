import { syntheticHistory } from './synthetic-history.js';
const DAY = 86400000;
const end = Date.parse('2026-06-01T00:00:00Z');
const h = syntheticHistory({ tickets: 1_000_000, end, days: 365, agents: 60, requesters: 250_000, seed: 42 });
const T = h.tickets;
const rated = new Set(h.ratings.filter((r) => r.at > end - 60 * DAY).map((r) => r.ticketId));
function time(name: string, f: () => number) {
  f();
  f();
  const s = performance.now();
  let x = 0;
  for (let i = 0; i < 5; i++) x += f();
  console.log(name, ((performance.now() - s) / 5).toFixed(1), x);
}
time('createdAt', () => {
  let c = 0;
  for (let k = 0; k < T.length; k++) if (T[k]!.createdAt > end - 30 * DAY) c++;
  return c;
});
time('3 fields', () => {
  let c = 0;
  for (let k = 0; k < T.length; k++) {
    const t = T[k]!;
    if (t.createdAt > end - 30 * DAY || (t.solvedAt ?? 0) > end - 60 * DAY || t.status === 'open') c++;
  }
  return c;
});
time('rated.has', () => {
  let c = 0;
  for (let k = 0; k < T.length; k++) if (rated.has(T[k]!.id)) c++;
  return c;
});
time('map push', () => {
  const m = new Map<string, number[]>();
  for (let k = 0; k < T.length; k++) {
    const t = T[k]!;
    if (t.createdAt >= end - 60 * DAY) {
      const l = m.get(t.requesterId);
      if (l) l.push(t.createdAt);
      else m.set(t.requesterId, [t.createdAt]);
    }
  }
  return m.size;
});
