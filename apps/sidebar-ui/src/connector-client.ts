// Every call the UI makes to the connector, with the session token; the one place that knows URLs.
import type {
  AlertListResponse,
  ApiError,
  ConnectionStatusResponse,
  DisconnectResponse,
  CoachingNote,
  DashboardResponse,
  DrillDownResponse,
  NewNoteRequest,
  NoteListResponse,
  PeopleListResponse,
  PeriodName,
  RequesterContextResponse,
  RoleChangedResponse,
  RoleRequest,
  SessionResponse,
  TargetListResponse,
  TargetRequest,
  TeamViewResponse,
  TicketSummaryResponse,
} from '@frontline/connector/api';
import type { AgentKpiKey, KpiKey } from '@frontline/kpi';
import { openLiveStream, type EventSourceFactory, type LiveStream, type StreamHandlers } from './live-stream.js';

/** An answer other than 2xx, carrying the API's own message (which says what to do). */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ConnectorClientOptions {
  /** The connector's base URL (HostContext.connectorUrl). */
  readonly baseUrl: string;
  /** Gets a fresh session (SidebarHost.signIn). */
  readonly signIn: () => Promise<SessionResponse>;
  readonly fetch?: typeof fetch;
  readonly EventSource?: EventSourceFactory;
  /** Clock, for session expiry. */
  readonly now?: () => number;
}

export type TeamSort = KpiKey | 'name';
export type SortOrder = 'asc' | 'desc';

/** The connector API as the UI uses it. Every method rejects with ConnectorError on an error answer. */
export interface ConnectorClient {
  /** The signed-in user (signs in on first use). */
  session(): Promise<SessionResponse>;
  dashboard(): Promise<DashboardResponse>;
  /** The tickets behind one value; `agent` is an agent id, `me` or `team`. */
  drillDown(kpi: KpiKey, period: PeriodName, agent?: string): Promise<DrillDownResponse>;
  team(period: PeriodName, sort?: TeamSort, order?: SortOrder): Promise<TeamViewResponse>;
  requesterContext(requesterId: string, ticketId: string): Promise<RequesterContextResponse>;
  /** The ticket in view: rating, replies against the team's typical, first reply, reopens (404 before it is synced). */
  ticketSummary(ticketId: string): Promise<TicketSummaryResponse>;
  alerts(): Promise<AlertListResponse>;
  notes(): Promise<NoteListResponse>;
  writeNote(note: NewNoteRequest): Promise<CoachingNote>;
  acknowledgeNote(noteId: string): Promise<CoachingNote>;
  setTarget(kpi: AgentKpiKey | KpiKey, target: TargetRequest): Promise<TargetListResponse>;
  /** How far the sync of the account has come (shown to admins while it is under way). */
  connectionStatus(): Promise<ConnectionStatusResponse>;
  /** Whether everyone must prove once who they are before signing in (Freshdesk). */
  identityProofRequired(): Promise<{ required: boolean }>;
  setIdentityProofRequired(required: boolean): Promise<{ required: boolean }>;
  /** Disconnects the account and deletes its data; `confirm` is the account's name as the admin typed it. */
  disconnect(confirm: string): Promise<DisconnectResponse>;
  /** The account's agents with their Frontline role and where it comes from (admins). */
  people(): Promise<PeopleListResponse>;
  /** Chooses a person's role (admins); on Freshdesk a new lead or admin comes with a one-time personal key. */
  setRole(userId: string, role: RoleRequest['role']): Promise<RoleChangedResponse>;
  /** Opens the live stream (`dashboard`, `alert`, `note` events), reconnecting on its own until closed. */
  stream(handlers: StreamHandlers): LiveStream;
}

// A session is renewed this long before it expires, so a request never leaves with a dying token.
const EXPIRY_MARGIN_MS = 30_000;

export function createConnectorClient(options: ConnectorClientOptions): ConnectorClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  let current: Promise<SessionResponse> | null = null;
  let last: SessionResponse | null = null;

  // A session still alive is renewed at the connector (a helpdesk signs a page once, and an
  // open sidebar outlives that signature); only a dead or refused one signs in again.
  const renewOrSignIn = async (): Promise<SessionResponse> => {
    const alive = last !== null && Date.parse(last.expiresAt) > now() ? last : null;
    if (alive !== null) {
      const response = await doFetch(`${baseUrl}/v1/auth/refresh`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alive.token}`, accept: 'application/json' },
      }).catch(() => null);
      if (response?.ok) return (await response.json()) as SessionResponse;
    }
    return options.signIn();
  };

  const session = (renew = false): Promise<SessionResponse> => {
    if (current === null || renew) {
      const signingIn = renewOrSignIn().then((s) => (last = s));
      current = signingIn;
      // A failed sign-in is not cached: the next call tries again.
      signingIn.catch(() => {
        if (current === signingIn) current = null;
      });
    }
    return current.then((s) => (Date.parse(s.expiresAt) - EXPIRY_MARGIN_MS <= now() ? session(true) : s));
  };

  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const send = async (token: string) =>
      doFetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    let response = await send((await session()).token);
    // The token may have been revoked or the clock skewed: sign in again, once.
    if (response.status === 401) {
      // A refused token is not worth renewing.
      last = null;
      response = await send((await session(true)).token);
    }
    if (!response.ok) throw await toError(response);
    return (await response.json()) as T;
  };

  const query = (params: Record<string, string | undefined>): string => {
    const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
    return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
  };
  const seg = encodeURIComponent;

  return {
    session: () => session(),
    dashboard: () => request('GET', '/v1/agents/me/dashboard'),
    drillDown: (kpi, period, agent = 'me') =>
      request('GET', `/v1/agents/${seg(agent)}/kpis/${seg(kpi)}/tickets${query({ period })}`),
    team: (period, sort, order) => request('GET', `/v1/team${query({ period, sort, order })}`),
    requesterContext: (requesterId, ticketId) =>
      request('GET', `/v1/requesters/${seg(requesterId)}/context${query({ ticketId })}`),
    ticketSummary: (ticketId) => request('GET', `/v1/tickets/${seg(ticketId)}/summary`),
    alerts: () => request('GET', '/v1/alerts'),
    notes: () => request('GET', '/v1/notes'),
    writeNote: (note) => request('POST', '/v1/notes', note),
    acknowledgeNote: (noteId) => request('POST', `/v1/notes/${seg(noteId)}/acknowledge`),
    setTarget: (kpi, target) => request('PUT', `/v1/targets/${seg(kpi)}`, target),
    connectionStatus: () => request('GET', '/v1/connect/status'),
    identityProofRequired: () => request('GET', '/v1/settings/identity-proof'),
    setIdentityProofRequired: (required) => request('PUT', '/v1/settings/identity-proof', { required }),
    disconnect: (confirm) => request('POST', '/v1/connect/disconnect', { confirm }),
    people: () => request('GET', '/v1/people'),
    setRole: (userId, role) => request('PUT', `/v1/people/${seg(userId)}/role`, { role }),
    stream: (handlers) =>
      openLiveStream({
        url: `${baseUrl}/v1/stream`,
        token: async (renew) => (await session(renew)).token,
        handlers,
        ...(options.EventSource === undefined ? {} : { EventSource: options.EventSource }),
      }),
  };
}

async function toError(response: Response): Promise<ConnectorError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): fall back to the status line below.
  }
  const error = (body as Partial<ApiError> | null)?.error;
  if (error !== undefined && typeof error.message === 'string') {
    return new ConnectorError(response.status, error.code, error.message);
  }
  return new ConnectorError(response.status, 'http', `${response.status} ${response.statusText}`.trim());
}
