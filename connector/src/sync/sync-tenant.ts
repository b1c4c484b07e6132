import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { PageRows, StreamCheckpoint, SyncStore, Tenant } from '../store/sync-store.js';
import { CursorExpiredError } from '../vendors/cursor-expired-error.js';
import type { Page, StreamStart, TicketPage, VendorClient } from '../vendors/vendor-client.js';
import type { SurveySource } from './survey-source.js';
import { SYNC_STEPS, type SyncStep } from './sync-steps.js';

/** How far back the first, most useful pass goes before the older history. */
export const RECENT_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Reply counts are fetched in batches this large between checkpoints. */
const REPLY_BATCH = 50;
/**
 * Ratings are listed by creation time, but a survey sent (and listed) today is answered days later
 * in place: each incremental sync reads this far back again to see those answers.
 */
const RATING_LOOK_BACK_MS = 14 * DAY_MS;
/** How often that look-back runs: reading two weeks of ratings every minute would eat the budget. */
const LOOK_BACK_EVERY_MS = 60 * 60 * 1000;
/**
 * How often the stream of tickets deleted or marked spam after they were stored is read: it is
 * paid from the ticket list's own limit (Freshdesk Growth: 20 calls a minute), two calls a time.
 */
const REMOVALS_EVERY_MS = 5 * 60 * 1000;
/** Reply-count calls in flight at once. */
const REPLY_CONCURRENCY = 8;
/** How long the reply lane waits for the ticket lane to store more tickets (clock ms). */
const REPLY_POLL_MS = 1_000;
/** The stream that remembers where "recent" started, so later runs keep the same boundary. */
const PLAN_STREAM = 'plan';
/**
 * Tickets removed since they were stored. Not started over by a full re-sync: the list leaves
 * removed tickets out, so only this stream's checkpoint knows which stored ones are still to be
 * taken out.
 */
const REMOVED_STREAM = 'tickets:removed';
/** Every stream a full re-sync starts over. */
const STREAMS = ['tickets', 'ratings', 'ratings:look-back', 'tickets:history', 'ratings:history', 'surveys'] as const;
/** A checkpoint with this cursor starts its stream over from the step's start time. */
const FRESH: StreamCheckpoint = { cursor: '', done: false, reachedTime: null };

export interface SyncDeps {
  readonly store: SyncStore;
  readonly client: VendorClient;
  /** Pulse-survey answers (Zigpoll), when the tenant has them. */
  readonly surveys: SurveySource | null;
  readonly clock: Clock;
  /** Where a stream restarted after its cursor was refused is told (one line); default: nowhere. */
  readonly log?: Logger;
}

export interface SyncProgress {
  readonly step: SyncStep;
  readonly pages: number;
  readonly tickets: number;
  readonly ratings: number;
  readonly replyCounts: number;
  /** Change time the current step has reached; `null` before its first item. */
  readonly reachedTime: number | null;
  /** Where the current step started and where it is heading, for an ETA. */
  readonly stepFrom: number;
  readonly stepTo: number;
}

export interface SyncOptions {
  /** Start every stream over (a full re-sync); rows are upserted, so nothing is duplicated. */
  readonly full?: boolean;
  /** Stop after this many pages and report `caughtUp: false`, so a job queue can chain the rest. */
  readonly maxPages?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SyncProgress) => void;
}

export interface SyncOutcome {
  readonly caughtUp: boolean;
  readonly pages: number;
  readonly lastStep: SyncStep;
}

/**
 * Brings a tenant's store up to date with its helpdesk, most useful data first: agents, business
 * hours and whether its ratings include unanswered surveys, the last 60 days of tickets and
 * ratings, the reply counts those tickets need (Freshdesk: a call per ticket), then the older
 * history, then survey answers. Every page is saved with its checkpoint in one transaction, so a
 * run stopped anywhere resumes where it left off and a page fetched twice changes nothing.
 */
export async function syncTenant(tenant: Tenant, deps: SyncDeps, options: SyncOptions = {}): Promise<SyncOutcome> {
  const { store, client, clock } = deps;
  if (options.full) {
    // Reset rather than ignore the checkpoints, so a chain of jobs continues the full re-sync.
    for (const stream of STREAMS) await store.savePage(tenant.id, stream, {}, FRESH);
  }
  const recentStart = await planRecentStart(tenant, store, clock, options.full ?? false);
  const counts = { pages: 0, tickets: 0, ratings: 0, replyCounts: 0 };
  const budgetLeft = () => options.maxPages === undefined || counts.pages < options.maxPages;
  let lastStep: SyncStep = 'setup';

  const report = (step: SyncStep, reachedTime: number | null, stepFrom: number) =>
    options.onProgress?.({ step, ...counts, reachedTime, stepFrom, stepTo: clock.now() });

  /** Whether what `marker` records is due (at most once per `everyMs`); records it when it is. */
  const due = async (marker: string, everyMs: number): Promise<boolean> => {
    const last = await store.readCheckpoint(tenant.id, marker);
    const now = clock.now();
    if (last !== null && last.cursor !== '' && now - Number(last.cursor) < everyMs) return false;
    await store.savePage(tenant.id, marker, {}, { cursor: String(now), done: true, reachedTime: null });
    // The first time only starts the clock: a look-back's stream has just been read in full, and
    // removals are read a turn later from the first sync's start, so none is missed.
    return last !== null && last.cursor !== '';
  };

  /** Pages through one stream until it is caught up (or, for history, reaches `until`). */
  const drain = async <P extends Page<unknown>>(
    step: SyncStep,
    stream: string,
    since: number,
    until: number | null,
    fetch: (start: StreamStart) => Promise<P>,
    rows: (page: P) => PageRows,
    count: (n: number) => void,
    lookBackMs: number | null = null,
  ): Promise<boolean> => {
    lastStep = step;
    let checkpoint = await store.readCheckpoint(tenant.id, stream);
    if (checkpoint?.cursor === '') checkpoint = null;
    if (lookBackMs !== null && checkpoint?.done && (await due(`${stream}:look-back`, LOOK_BACK_EVERY_MS))) {
      // Caught up before: read the last days again, as records there may have changed in place.
      checkpoint = null;
      since = Math.max(since, clock.now() - lookBackMs);
    }
    // A history stream that reached the recent boundary is finished for good.
    if (until !== null && checkpoint?.done) return true;
    report(step, checkpoint?.reachedTime ?? null, since);
    // Page N is saved while page N+1 is fetched: a cursor-paged stream reads one page at a time,
    // so overlapping the two keeps it at the vendor's limit. Saves still happen in page order, and
    // a failed save stops the stream before the next page is saved.
    let saving: Promise<void> = Promise.resolve();
    let restartedFrom: number | null = null;
    try {
      while (budgetLeft()) {
        options.signal?.throwIfAborted();
        let page: P;
        try {
          page = await fetch(checkpoint ? { cursor: checkpoint.cursor } : { since });
        } catch (error) {
          // A refused cursor: read the stream again from the time it had reached (pages upsert,
          // so re-reading is safe). Refused again from the same time, a restart does not help.
          const from = checkpoint?.reachedTime ?? since;
          if (!(error instanceof CursorExpiredError) || checkpoint === null || from === restartedFrom) throw error;
          deps.log?.warn(
            { stream, from: new Date(from).toISOString() },
            `${error.message}; the ${stream} stream starts again from ${new Date(from).toISOString()}`,
          );
          restartedFrom = from;
          since = from;
          checkpoint = null;
          continue;
        }
        const reachedBoundary = until !== null && page.reachedTime !== null && page.reachedTime >= until;
        const next: StreamCheckpoint = {
          cursor: page.cursor,
          done: page.done || reachedBoundary,
          reachedTime: page.reachedTime ?? checkpoint?.reachedTime ?? null,
        };
        await saving;
        saving = store.savePage(tenant.id, stream, rows(page), next);
        counts.pages++;
        count(page.items.length);
        checkpoint = next;
        report(step, next.reachedTime, since);
        if (next.done) break;
      }
      await saving;
      return checkpoint?.done ?? false;
    } catch (error) {
      await saving.catch(() => {});
      throw error;
    }
  };

  const ticketRows = (page: TicketPage): PageRows => ({
    tickets: page.items,
    agents: page.agents,
    requesters: page.requesters,
  });
  const ticketPages = (start: StreamStart) => client.ticketsChangedSince(start);
  const ratingPages = (start: StreamStart) => client.ratingsSince(start);
  const addTickets = (n: number) => void (counts.tickets += n);
  const addRatings = (n: number) => void (counts.ratings += n);

  /**
   * Counts replies of tickets that need it, newest first. With `whileTicketsArrive`, runs beside
   * the ticket stream and waits for more tickets instead of stopping when none is waiting.
   */
  const fillReplyCounts = async (
    step: SyncStep,
    since: number,
    whileTicketsArrive: () => boolean = () => false,
  ): Promise<boolean> => {
    if (!client.needsReplyCounts) return true;
    report(step, null, since);
    while (budgetLeft()) {
      options.signal?.throwIfAborted();
      const ids = await store.ticketsNeedingReplyCounts(tenant.id, since, REPLY_BATCH);
      if (ids.length === 0) {
        if (!whileTicketsArrive()) return true;
        await clock.sleep(REPLY_POLL_MS, options.signal);
        continue;
      }
      // Several calls in flight: one at a time, latency alone would keep the rate under the limit.
      const found = await mapConcurrently(ids, REPLY_CONCURRENCY, async (ticketId) => ({
        ticketId,
        ...(await client.replies(ticketId)),
      }));
      await store.saveReplyCounts(tenant.id, found);
      counts.pages++;
      counts.replyCounts += found.length;
      report(step, null, since);
    }
    return false;
  };

  /**
   * Marks stored tickets that the vendor has since deleted or marked spam, where its ticket stream
   * leaves them out. Starts where the tenant's first sync did: a ticket removed before that was
   * never listed, so never stored.
   */
  const takeOutRemovedTickets = async (): Promise<boolean> => {
    lastStep = 'removals';
    const removedSince = client.ticketsRemovedSince?.bind(client);
    if (removedSince === undefined) return true;
    if (!budgetLeft()) return false;
    const checkpoint = await store.readCheckpoint(tenant.id, REMOVED_STREAM);
    // A stream stopped mid-way by the page budget goes on at once; a caught-up one waits its turn.
    if (checkpoint?.done !== false && !(await due(`${REMOVED_STREAM}:polled`, REMOVALS_EVERY_MS))) return true;
    return drain(
      'removals',
      REMOVED_STREAM,
      recentStart + RECENT_DAYS * DAY_MS,
      null,
      removedSince,
      (page) => ({ removedTickets: page.items }),
      () => {},
    );
  };

  const steps: Record<SyncStep, () => Promise<boolean>> = {
    setup: async () => {
      lastStep = 'setup';
      const [agents, schedule, includeUnanswered] = await Promise.all([
        client.agents(),
        client.businessSchedule(),
        client.ratingsIncludeUnanswered(),
      ]);
      await store.savePage(tenant.id, 'agents', { agents }, { cursor: '', done: true, reachedTime: clock.now() });
      await store.saveSchedule(tenant.id, schedule);
      await store.saveRatingsIncludeUnanswered(tenant.id, includeUnanswered);
      return true;
    },
    recent: async () => {
      // Three lanes at once: ticket pages (often under a tight limit of their own: Zendesk's
      // export, Freshdesk's Tickets List), ratings, and reply counts (a call per ticket) as
      // tickets arrive. Together they use the account's whole budget.
      let paging = true;
      const tickets = drain('recent', 'tickets', recentStart, null, ticketPages, ticketRows, addTickets).finally(
        () => void (paging = false),
      );
      const ratings = drain(
        'recent',
        'ratings',
        recentStart,
        null,
        ratingPages,
        (p) => ({ ratings: p.items }),
        addRatings,
        RATING_LOOK_BACK_MS,
      );
      const replies = fillReplyCounts('recent', recentStart, () => paging);
      const done = await Promise.all([tickets, ratings, replies]);
      lastStep = 'recent';
      return done.every(Boolean);
    },
    'history-tickets': () =>
      drain('history-tickets', 'tickets:history', 0, recentStart, ticketPages, ticketRows, addTickets),
    'history-ratings': () =>
      drain(
        'history-ratings',
        'ratings:history',
        0,
        recentStart,
        ratingPages,
        (p) => ({ ratings: p.items }),
        addRatings,
      ),
    'history-replies': () => {
      lastStep = 'history-replies';
      return fillReplyCounts('history-replies', 0);
    },
    removals: takeOutRemovedTickets,
    surveys: async () => {
      const surveys = deps.surveys;
      if (surveys === null) return true;
      return drain(
        'surveys',
        'surveys',
        0,
        null,
        (s) => surveys.answersSince(s),
        (p) => ({ surveyAnswers: p.items }),
        () => {},
      );
    },
  };

  for (const step of SYNC_STEPS) {
    const finished = await steps[step]();
    if (!finished) return { caughtUp: false, pages: counts.pages, lastStep };
  }
  return { caughtUp: true, pages: counts.pages, lastStep };
}

/** The start of the recent window, fixed on a tenant's first sync (or a full re-sync). */
async function planRecentStart(tenant: Tenant, store: SyncStore, clock: Clock, full: boolean): Promise<number> {
  const plan = full ? null : await store.readCheckpoint(tenant.id, PLAN_STREAM);
  if (plan !== null) return Number(plan.cursor);
  const recentStart = clock.now() - RECENT_DAYS * DAY_MS;
  await store.savePage(tenant.id, PLAN_STREAM, {}, { cursor: String(recentStart), done: true, reachedTime: null });
  return recentStart;
}

/** `fn` over every item, at most `limit` at a time, results in input order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
