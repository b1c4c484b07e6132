import type { AgentKpiKey, KpiTarget } from '@frontline/kpi';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { KpiReads } from '../store/kpi-reads.js';
import type { Tenant } from '../store/sync-store.js';
import type { ChangeFeed } from './change-feed.js';
import { computeTenantView, type TenantView } from './tenant-view.js';

export interface LiveTenantsDeps {
  readonly store: KpiReads;
  readonly feed: ChangeFeed;
  readonly clock: Clock;
  readonly log: Logger;
  /** A tenant's targets (leads set them); read at each recomputation. */
  targetsOf(tenantId: string): Promise<readonly KpiTarget[]>;
  /** A tenant's headline KPIs (its admin chooses them); read at each recomputation. */
  headlineOf(tenantId: string): Promise<readonly AgentKpiKey[]>;
  /** How often loaded tenants check their revision, in case a notice was lost (default 5 s). */
  readonly pollMs?: number;
}

/** Time-dependent numbers (backlog, matured repeat contacts) move slowly: recompute at least this often. */
const MAX_VIEW_AGE_MS = 5 * 60_000;

interface TenantState {
  readonly tenant: Tenant;
  view: TenantView;
  /** A refresh running, and whether another was asked for meanwhile. */
  running: Promise<void> | null;
  again: boolean;
  /** How long the last recomputation took: the next waits as long, so the API keeps half its time for requests. */
  computeMs: number;
  /** Set while a refresh waits for its turn (see `computeMs`). */
  timer: NodeJS.Timeout | null;
}

export type ViewListener = (tenantId: string, view: TenantView) => void;

/**
 * The computed view of each tenant the API serves, kept current from the change feed (and a slow
 * poll): a view is the numbers of one revision, aggregated by the store from its facts; no
 * history is held. A change or a new target recomputes the view once, however many notices
 * arrive meanwhile; listeners (open sidebars) hear of each new view. A request never waits for a
 * recomputation once a view exists: it reads the last one.
 */
export class LiveTenants {
  readonly #deps: LiveTenantsDeps;
  readonly #tenants = new Map<string, Promise<TenantState>>();
  readonly #listeners = new Set<ViewListener>();
  readonly #unsubscribe: () => void;
  readonly #poll: NodeJS.Timeout;
  #closed = false;

  constructor(deps: LiveTenantsDeps) {
    this.#deps = deps;
    // A settings notice carries no revision to compare: it always recomputes.
    this.#unsubscribe = deps.feed.subscribe((tenantId, kind) => this.refresh(tenantId, kind === 'settings'));
    this.#poll = setInterval(() => {
      for (const tenantId of this.#tenants.keys()) this.refresh(tenantId);
    }, deps.pollMs ?? 5_000);
    this.#poll.unref();
  }

  /** The tenant's current view, loading its history on first use. */
  async view(tenant: Tenant): Promise<TenantView> {
    const state = await this.#state(tenant);
    const now = this.#deps.clock.now();
    if (isStale(state.view, now)) this.refresh(tenant.id, true);
    return state.view;
  }

  /** Brings the tenant up to date (and recomputes with `force`, e.g. after a target changed). */
  refresh(tenantId: string, force = false): void {
    const pending = this.#tenants.get(tenantId);
    if (pending === undefined || this.#closed) return;
    void pending.then(
      (state) => {
        if (state.running !== null || state.timer !== null) {
          state.again = true;
          return;
        }
        state.running = this.#update(state, force)
          .catch((error: unknown) =>
            this.#deps.log.error({ tenant: state.tenant.name, err: error }, 'live update failed'),
          )
          .finally(() => {
            state.running = null;
            if (state.again) {
              state.again = false;
              // Changes arriving faster than a large tenant recomputes are taken together.
              state.timer = setTimeout(() => {
                state.timer = null;
                state.again = false;
                this.refresh(tenantId, true);
              }, state.computeMs);
              state.timer.unref();
            }
          });
      },
      () => {},
    );
  }

  /**
   * The tenant's targets or headline changed in the store: recomputes this process's view, and
   * tells the other API processes to recompute theirs (their revision did not move). Its own
   * notice comes back here too: one recomputation more, at the pace settings change; in return
   * this view is current even while the feed is down.
   */
  settingsChanged(tenantId: string): void {
    this.refresh(tenantId, true);
    this.#deps.feed
      .publish(tenantId, 'settings')
      .catch((error: unknown) =>
        this.#deps.log.warn(
          { tenantId, err: error },
          'the other API processes could not be told of new settings: they show them at their next recomputation',
        ),
      );
  }

  /**
   * Serves a new headline at once: the current view, numbers unchanged, carries it (an admin
   * who saved it sees it on the next request), and open sidebars hear of it. Later
   * recomputations read it from the store.
   */
  async setHeadline(tenantId: string, headline: readonly AgentKpiKey[]): Promise<void> {
    const pending = this.#tenants.get(tenantId);
    if (pending === undefined || this.#closed) return;
    const state = await pending;
    state.view = { ...state.view, headline };
    for (const listener of this.#listeners) listener(state.tenant.id, state.view);
  }

  onView(listener: ViewListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops listening and polling, and waits for updates under way (the store closes next). */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#poll);
    this.#unsubscribe();
    this.#listeners.clear();
    for (const pending of this.#tenants.values()) {
      const state = await pending.catch(() => null);
      if (state?.timer) clearTimeout(state.timer);
      await state?.running;
    }
  }

  #state(tenant: Tenant): Promise<TenantState> {
    let state = this.#tenants.get(tenant.id);
    if (state === undefined) {
      state = this.#load(tenant);
      this.#tenants.set(tenant.id, state);
      // A failed load is retried by the next request rather than cached.
      state.catch(() => this.#tenants.delete(tenant.id));
    }
    return state;
  }

  async #load(tenant: Tenant): Promise<TenantState> {
    const started = Date.now();
    const view = await this.#compute(tenant);
    this.#deps.log.info({ tenant: tenant.name, ms: Date.now() - started }, 'tenant view computed for the API');
    return { tenant, view, running: null, again: false, computeMs: 0, timer: null };
  }

  async #update(state: TenantState, force: boolean): Promise<void> {
    const revision = await this.#deps.store.revision(state.tenant.id);
    const changed = revision !== state.view.revision;
    if (!changed && !force && !isStale(state.view, this.#deps.clock.now())) return;
    const started = performance.now();
    state.view = await this.#compute(state.tenant);
    state.computeMs = Math.round(performance.now() - started);
    for (const listener of this.#listeners) listener(state.tenant.id, state.view);
  }

  async #compute(tenant: Tenant): Promise<TenantView> {
    const [targets, headline] = await Promise.all([this.#deps.targetsOf(tenant.id), this.#deps.headlineOf(tenant.id)]);
    return computeTenantView(this.#deps.store, tenant.id, {
      now: this.#deps.clock.now(),
      targets,
      escalationTags: tenant.escalationTags,
      headline,
      surveySource: tenant.zigpoll !== null,
    });
  }
}

/** A view is stale once its local day is over or it is older than {@link MAX_VIEW_AGE_MS}. */
function isStale(view: TenantView, now: number): boolean {
  // Today's window ends at the next local midnight: no time-zone arithmetic on every request.
  return now - view.computedAt > MAX_VIEW_AGE_MS || now >= view.periods.today.window.to;
}
