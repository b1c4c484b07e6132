/**
 * What every simulated request passes through before and after its endpoint: auth (including a
 * revoked token), the account's rate limits, fault injection, and counting. Endpoints only say
 * what they would answer; this module decides whether and how it reaches the caller.
 */
import type { Clock } from '@frontline/connector/clock';
import { FAULT_KINDS, FaultPicker, type FaultKind, type FaultOptions } from './faults.js';
import { jsonResponse } from './http-util.js';
import type { SlidingWindowLimiter } from './rate-limiter.js';

/** An endpoint's answer before the gate adds rate-limit headers or faults. */
export interface RouteResult {
  readonly status: number;
  /** JSON-serializable body. */
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  /**
   * For paged endpoints: the identity of the page asked for and of the page it links to (or null
   * on the last page). A duplicate-page fault answers `key` with the page that linked to it.
   */
  readonly page?: { readonly key: string; readonly nextKey: string | null };
}

/** A rate-limit window every request of some routes counts against. */
export interface LimitScope {
  readonly name: string;
  readonly limiter: SlidingWindowLimiter;
}

/** How one endpoint is limited and counted. */
export interface RouteSpec {
  /** Name in `stats().byRoute`, e.g. `zendesk.incremental-tickets`. */
  readonly name: string;
  /** Scope names; the request needs room in all of them. */
  readonly scopes: readonly string[];
  /** Credits the request costs in the first scope (`account`); 1 in the others. */
  readonly cost: number;
}

/** The vendor-specific parts of a response the gate writes itself. */
export interface VendorDialect {
  /** Whether the request carries valid credentials. */
  authorize(request: Request): boolean;
  unauthorized(): RouteResult;
  tooManyRequests(retryAfterSeconds: number): RouteResult;
  /** Body of an injected 5xx (502 is written as a load balancer's HTML page by the gate). */
  serverError(status: 500 | 503 | 504): unknown;
  /** Rate-limit headers of a response, from the account scope's state. */
  limitHeaders(limit: number, remaining: number, cost: number): Record<string, string>;
  /** Whether 503 carries Retry-After (Zendesk documents it). */
  readonly retryAfterOn503: boolean;
}

/** Counters of one route. */
export interface RouteStats {
  requests: number;
  tooManyRequests: number;
  overLimitRequests: number;
}

/** Request counters of an account. */
export interface SimulatorStats {
  requests: number;
  /** Every 429 sent, injected ones included. */
  tooManyRequests: number;
  /**
   * Requests that arrived while the caller was already over a limit: after a rate-limit 429 and
   * before the Retry-After it gave had passed. A well-behaved client makes none. Injected 429s
   * never start such a period.
   */
  overLimitRequests: number;
  /** 429s from real limits (the first refusal of each over-limit period, and the over-limit ones). */
  rateLimited: number;
  authFailures: number;
  faults: Record<FaultKind, number>;
  byStatus: Record<string, number>;
  byRoute: Record<string, RouteStats>;
}

function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    tooManyRequests: 0,
    overLimitRequests: 0,
    rateLimited: 0,
    authFailures: 0,
    faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
    byStatus: {},
    byRoute: {},
  };
}

/** One request as the account received it, for tests that check what a client sends. */
export interface SeenRequest {
  /** The route's name, as in `stats().byRoute`. */
  readonly route: string;
  /** Its headers, names in lower case; `authorization` left out (it holds the credentials). */
  readonly headers: Readonly<Record<string, string>>;
}

/** Requests kept for {@link RequestGate.requests}: the latest ones, so a long run stays small. */
const SEEN_REQUESTS = 5_000;

interface StoredPage {
  readonly status: number;
  readonly text: string;
  readonly headers: Record<string, string>;
}

/** Pages kept for duplicate-page faults: only the latest few, since one Zendesk page can be megabytes. */
const REPLAY_PAGES = 16;

const BAD_GATEWAY_HTML =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';

/** The gate of one account; every handler of the account goes through the same one. */
export class RequestGate {
  private counters = emptyStats();
  private readonly scopes = new Map<string, LimitScope>();
  private readonly blockedUntil = new Map<string, number>();
  private readonly faults: FaultPicker | null;
  private readonly replay = new Map<string, StoredPage>();
  private seen: SeenRequest[] = [];
  authRevoked = false;

  constructor(
    private readonly clock: Clock,
    scopes: readonly LimitScope[],
    faults: FaultOptions | undefined,
  ) {
    for (const scope of scopes) this.scopes.set(scope.name, scope);
    this.faults = faults && faults.rate > 0 ? new FaultPicker(faults) : null;
  }

  /** A copy of the counters. */
  stats(): SimulatorStats {
    return structuredClone(this.counters);
  }

  resetStats(): void {
    this.counters = emptyStats();
    this.seen = [];
  }

  /** The latest requests (up to 5,000), oldest first, whatever was answered; reset with the stats. */
  requests(): readonly SeenRequest[] {
    return [...this.seen];
  }

  /** The limit and current room of a scope, for tests and dashboards. */
  scopeState(name: string): { limit: number; remaining: number } | null {
    const scope = this.scopes.get(name);
    return scope ? { limit: scope.limiter.limit, remaining: scope.limiter.remaining(this.clock.now()) } : null;
  }

  private routeStats(name: string): RouteStats {
    let stats = this.counters.byRoute[name];
    if (stats === undefined) {
      stats = { requests: 0, tooManyRequests: 0, overLimitRequests: 0 };
      this.counters.byRoute[name] = stats;
    }
    return stats;
  }

  private finish(response: Response): Response {
    const key = String(response.status);
    this.counters.byStatus[key] = (this.counters.byStatus[key] ?? 0) + 1;
    return response;
  }

  /** Rate-limit headers from the route's first (account) scope; none for unlimited routes. */
  private headersFor(route: RouteSpec, dialect: VendorDialect, cost: number): Record<string, string> {
    const account = this.scopes.get(route.scopes[0] ?? '');
    if (!account) return {};
    return dialect.limitHeaders(account.limiter.limit, account.limiter.remaining(this.clock.now()), cost);
  }

  private tooMany(route: RouteSpec, dialect: VendorDialect, retryAfterSeconds: number, cost: number): Response {
    this.counters.tooManyRequests++;
    this.routeStats(route.name).tooManyRequests++;
    const result = dialect.tooManyRequests(retryAfterSeconds);
    return this.finish(
      jsonResponse(result.status, result.body, {
        ...this.headersFor(route, dialect, cost),
        ...result.headers,
        'retry-after': String(retryAfterSeconds),
      }),
    );
  }

  /** Runs one request through auth, limits and faults, and `produce` for the answer. */
  async handle(
    request: Request,
    dialect: VendorDialect,
    route: RouteSpec,
    produce: () => RouteResult | Promise<RouteResult>,
  ): Promise<Response> {
    this.counters.requests++;
    const sent: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (name !== 'authorization') sent[name] = value;
    });
    this.seen.push({ route: route.name, headers: sent });
    if (this.seen.length > SEEN_REQUESTS) this.seen.shift();
    const stats = this.routeStats(route.name);
    stats.requests++;

    if (this.authRevoked || !dialect.authorize(request)) {
      this.counters.authFailures++;
      const result = dialect.unauthorized();
      return this.finish(jsonResponse(result.status, result.body, result.headers));
    }

    const now = this.clock.now();
    const costIn = (scope: string): number => (scope === route.scopes[0] ? route.cost : 1);

    // Already told to wait and back too early: the request a well-behaved client never makes.
    let blocked = 0;
    for (const scope of route.scopes) blocked = Math.max(blocked, (this.blockedUntil.get(scope) ?? 0) - now);
    if (blocked > 0) {
      this.counters.overLimitRequests++;
      this.counters.rateLimited++;
      stats.overLimitRequests++;
      return this.tooMany(route, dialect, Math.max(1, Math.ceil(blocked / 1000)), 0);
    }

    let wait = 0;
    for (const name of route.scopes) {
      const scope = this.scopes.get(name);
      if (scope) wait = Math.max(wait, scope.limiter.waitFor(now, costIn(name)));
    }
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      for (const name of route.scopes) {
        const scope = this.scopes.get(name);
        if (scope && scope.limiter.waitFor(now, costIn(name)) > 0) this.blockedUntil.set(name, now + seconds * 1000);
      }
      this.counters.rateLimited++;
      return this.tooMany(route, dialect, seconds, 0);
    }

    const fault = this.faults?.next() ?? null;
    if (fault === '429') {
      this.counters.faults['429']++;
      return this.tooMany(route, dialect, this.faults?.retryAfterSeconds() ?? 1, 0);
    }
    for (const name of route.scopes) this.scopes.get(name)?.limiter.take(now, costIn(name));
    const limitHeaders = this.headersFor(route, dialect, route.cost);

    if (fault === '500' || fault === '503') {
      this.counters.faults[fault]++;
      const extra: Record<string, string> =
        fault === '503' && dialect.retryAfterOn503
          ? { 'retry-after': String(this.faults?.retryAfterSeconds() ?? 1) }
          : {};
      return this.finish(
        jsonResponse(Number(fault), dialect.serverError(Number(fault) as 500 | 503), { ...limitHeaders, ...extra }),
      );
    }
    if (fault === '502') {
      this.counters.faults['502']++;
      return this.finish(new Response(BAD_GATEWAY_HTML, { status: 502, headers: { 'content-type': 'text/html' } }));
    }
    if (fault === 'timeout') {
      this.counters.faults.timeout++;
      // Hold until the client gives up (abort) or the gateway would (timeoutMs of the clock).
      await this.clock.sleep(this.faults?.timeoutMs ?? 30_000, request.signal).catch(() => undefined);
      return this.finish(jsonResponse(504, dialect.serverError(504), limitHeaders));
    }

    const result = await produce();
    const headers = { 'content-type': 'application/json; charset=utf-8', ...limitHeaders, ...result.headers };
    const page = result.page;
    if (fault === 'duplicate-page' && page) {
      const previous = this.replay.get(page.key);
      if (previous) {
        this.counters.faults['duplicate-page']++;
        return this.finish(
          new Response(previous.text, { status: previous.status, headers: { ...previous.headers, ...limitHeaders } }),
        );
      }
    }
    // A text body the headers type as something else (a PEM file) goes out as it is.
    const raw = typeof result.body === 'string' && !(headers['content-type'] ?? '').includes('json');
    const text = raw ? (result.body as string) : JSON.stringify(result.body);
    if (this.faults?.replaysPages && page?.nextKey && result.status === 200) {
      this.replay.delete(page.nextKey);
      this.replay.set(page.nextKey, { status: result.status, text, headers: result.headers ?? {} });
      if (this.replay.size > REPLAY_PAGES) this.replay.delete(this.replay.keys().next().value ?? '');
    }
    if (fault === 'truncated' && result.status === 200) {
      this.counters.faults.truncated++;
      return this.finish(
        new Response(text.slice(0, Math.max(1, Math.floor(text.length / 2))), { status: 200, headers }),
      );
    }
    // 204 has no body.
    return this.finish(new Response(result.status === 204 ? null : text, { status: result.status, headers }));
  }
}
