// An in-memory connector behind a fake `fetch` and a fake EventSource, answering like the real API
// (same paths, bodies and error shape) so tests exercise the UI and the client together.
import type {
  AlertItem,
  ConnectionStatusResponse,
  DrillDownResponse,
  CoachingNote,
  KpiTargetItem,
  PersonItem,
  PeriodName,
  RequesterContextResponse,
  TicketSummaryResponse,
} from '@frontline/connector/api';
import { isKpiKey, type KpiKey } from '@frontline/kpi';
import type { DashboardData } from '../dashboard.js';
import type { EventSourceFactory, EventSourceLike } from '../live-stream.js';
import * as fixtures from './fixtures.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly token: string | null;
}

interface Failure {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  remaining: number;
}

type Listener = (event: MessageEvent<string>) => void;

export class FakeEventSource implements EventSourceLike {
  readonly listeners = new Map<string, Set<Listener>>();
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(type, set);
  }
  close(): void {
    this.closed = true;
  }
  dispatch(type: string, data?: unknown): void {
    if (this.closed) return;
    const event = { data: data === undefined ? '' : JSON.stringify(data) } as MessageEvent<string>;
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}

export class FakeConnector {
  readonly baseUrl = 'https://connector.test';
  /** Tokens the fake accepts; sign-in hands out the first. */
  validTokens = new Set(['token-1']);
  dashboard: DashboardData = fixtures.dashboard();
  alerts: AlertItem[] = [fixtures.alert()];
  notes: CoachingNote[] = [fixtures.note()];
  targets: KpiTargetItem[] = [];
  requesters = new Map<string, RequesterContextResponse>([['r-1', fixtures.requester()]]);
  summaries = new Map<string, TicketSummaryResponse>([['900', fixtures.ticketSummary()]]);
  drillRows: DrillDownResponse['tickets'] | null = null;
  /** What GET /v1/connect/status answers: the first sync's progress. */
  connection: ConnectionStatusResponse = fixtures.connectionStatus();
  /** What GET /v1/people answers (the admin's People section). */
  people: PersonItem[] = fixtures.people();
  /** The key PUT /v1/people/:id/role answers for a new lead or admin: a Freshdesk account's; null on Zendesk. */
  personalKey: string | null = null;
  readonly requests: RecordedRequest[] = [];
  readonly streams: FakeEventSource[] = [];
  private readonly failures: Failure[] = [];

  /** The next `times` answers to METHOD path are this API error. */
  fail(method: string, path: string, status: number, code: string, message: string, times = 1): void {
    this.failures.push({ method, path, status, code, message, remaining: times });
  }

  /** Tokens `POST /v1/auth/refresh` handed out, in order. */
  readonly renewedTokens: string[] = [];

  /** Sends an event on every open stream. */
  emit(event: 'dashboard' | 'alert' | 'note' | 'reauth' | 'replaced', data: unknown): void {
    for (const s of this.streams) s.dispatch(event, data);
  }

  /** Drops every open stream, as a network blip or a restarted connector would. */
  dropStreams(): void {
    for (const s of this.streams) s.dispatch('error');
  }

  get openStreams(): FakeEventSource[] {
    return this.streams.filter((s) => !s.closed);
  }

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const auth = new Headers(init?.headers).get('authorization');
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body, token });
    if (token === null || !this.validTokens.has(token)) {
      return error(401, 'unauthenticated', 'The session expired: sign in again.');
    }
    const failure = this.failures.find((f) => f.method === method && f.path === url.pathname && f.remaining > 0);
    if (failure !== undefined) {
      failure.remaining -= 1;
      return error(failure.status, failure.code, failure.message);
    }
    return this.route(method, url, body);
  }) as typeof fetch;

  readonly EventSource: EventSourceFactory = (() => {
    const streams = this.streams;
    return class extends FakeEventSource {
      constructor(url: string) {
        super(url);
        streams.push(this);
        // A real EventSource opens asynchronously.
        setTimeout(() => this.dispatch('open'), 0);
      }
    };
  })();

  private route(method: string, url: URL, body: unknown): Response {
    const path = url.pathname;
    const q = url.searchParams;
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (method === 'POST' && path === '/v1/auth/refresh') {
      const token = `renewed-${this.renewedTokens.length + 1}`;
      this.renewedTokens.push(token);
      this.validTokens.add(token);
      return json(200, fixtures.session({ token }));
    }
    if (method === 'GET' && path === '/v1/agents/me/dashboard') return json(200, this.dashboard);
    if (method === 'GET' && path === '/v1/connect/status') return json(200, this.connection);
    if (method === 'POST' && path === '/v1/connect/disconnect') {
      const confirm = (body as { confirm?: string }).confirm;
      if (confirm !== 'acme')
        return error(400, 'bad_request', 'type the account’s name exactly (acme) to disconnect it');
      return json(200, { removed: 'acme', problems: [] });
    }
    if (method === 'GET' && path === '/v1/people') return json(200, { people: this.people });
    if (method === 'PUT' && parts[1] === 'people' && parts[3] === 'role') {
      const found = this.people.find((p) => p.id === parts[2]);
      if (found === undefined) return error(404, 'not_found', `user ${parts[2]} is not an agent of this account`);
      const role = (body as { role: PersonItem['role'] }).role;
      const person: PersonItem = { ...found, role, roleSource: 'frontline' };
      this.people = this.people.map((p) => (p.id === person.id ? person : p));
      return json(200, { person, personalKey: role === 'agent' ? null : this.personalKey });
    }
    if (method === 'GET' && parts[1] === 'agents' && parts[3] === 'kpis' && parts[5] === 'tickets') {
      const agent = parts[2]!;
      const kpi = parts[4]!;
      if (!isKpiKey(kpi)) return error(404, 'not_found', `no KPI ${kpi}`);
      const period = (q.get('period') ?? 'last7Days') as PeriodName;
      const drill = fixtures.drillDown(kpi, period, agent === 'me' ? '7' : agent === 'team' ? null : agent);
      return json(200, this.drillRows === null ? drill : { ...drill, tickets: this.drillRows });
    }
    if (method === 'GET' && path === '/v1/team') return json(200, this.team(q));
    if (method === 'GET' && parts[1] === 'requesters' && parts[3] === 'context') {
      const context = this.requesters.get(parts[2]!);
      return context === undefined ? error(404, 'not_found', 'no such requester') : json(200, context);
    }
    if (method === 'GET' && parts[1] === 'tickets' && parts[3] === 'summary') {
      const summary = this.summaries.get(parts[2]!);
      return summary === undefined
        ? error(404, 'not_found', `ticket ${parts[2]} is not synced yet: it is being fetched now`)
        : json(200, summary);
    }
    if (method === 'GET' && path === '/v1/alerts') return json(200, { alerts: this.alerts });
    if (method === 'GET' && path === '/v1/notes') return json(200, { notes: this.notes });
    if (method === 'POST' && path === '/v1/notes') {
      const b = body as { agentId: string; body: string; ticketId?: string | null; kpi?: KpiKey | null };
      const created = fixtures.note({
        id: `note-${this.notes.length + 1}`,
        agentId: b.agentId,
        body: b.body,
        ticketId: b.ticketId ?? null,
        kpi: b.kpi ?? null,
        history: [],
        createdAt: fixtures.NOW,
        updatedAt: fixtures.NOW,
      });
      this.notes = [created, ...this.notes];
      return json(201, created);
    }
    if (method === 'POST' && parts[1] === 'notes' && parts[3] === 'acknowledge') {
      const found = this.notes.find((n) => n.id === parts[2]);
      if (found === undefined) return error(404, 'not_found', 'no such note');
      const acknowledged = { ...found, acknowledgedAt: fixtures.NOW };
      this.notes = this.notes.map((n) => (n.id === found.id ? acknowledged : n));
      return json(200, acknowledged);
    }
    if (method === 'PUT' && parts[1] === 'targets') {
      const kpi = parts[2]! as KpiKey;
      const b = body as { green: number; amber: number };
      this.targets = [...this.targets.filter((t) => t.kpi !== kpi), { kpi, green: b.green, amber: b.amber }];
      return json(200, { targets: this.targets });
    }
    return error(404, 'not_found', `no route ${method} ${path}`);
  }

  private team(q: URLSearchParams) {
    const view = fixtures.team((q.get('period') ?? 'last7Days') as PeriodName);
    const sort = q.get('sort') ?? 'name';
    const sign = (q.get('order') ?? 'asc') === 'asc' ? 1 : -1;
    const key = (a: (typeof view.agents)[number]): string | number =>
      sort === 'name' ? (a.agent.name ?? a.agent.id) : (a.kpis[sort as 'solved'].value ?? -Infinity);
    const agents = [...view.agents].sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0));
    return { ...view, agents };
  }
}

function json(status: number, body: unknown): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    json: async () => structuredClone(body),
  } as Response;
}

function error(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message } });
}
