// Realistic API answers, typed exactly as the connector's responses.
import type {
  AlertItem,
  ConnectionStatusResponse,
  CoachingNote,
  DrillDownResponse,
  PeriodName,
  PersonItem,
  RequesterContextResponse,
  SessionResponse,
  TeamViewResponse,
  TicketSummaryResponse,
} from '@frontline/connector/api';
import { AGENT_KPI_KEYS, KPI_KEYS, type AgentKpiKey, type KpiKey } from '@frontline/kpi';
import type { DashboardData, KpiScore } from '../dashboard.js';

export const NOW = '2026-03-02T10:00:00.000Z';

export function session(overrides: Partial<SessionResponse> = {}): SessionResponse {
  return {
    token: 'token-1',
    expiresAt: '2999-01-01T00:00:00.000Z',
    tenant: 'acme',
    user: { id: '7', name: 'Ann Agent', role: 'agent' },
    ...overrides,
  };
}

/** A first sync half way through the last 60 days: CSAT behind, the rest further on. */
export function connectionStatus(overrides: Partial<ConnectionStatusResponse> = {}): ConnectionStatusResponse {
  return {
    tenant: 'acme',
    vendor: 'zendesk',
    connectedAt: '2026-12-07T09:00:00.000Z',
    webhooks: 'created',
    manualSteps: [],
    recent: { share: 0.2, byKpi: { csat: 0.2, solved: 0.45, one_touch_rate: 0.3 } },
    history: { done: false, reachedTime: null },
    ...overrides,
  };
}

export function score(value: number | null, overrides: Partial<KpiScore> = {}): KpiScore {
  return {
    value,
    sample: value === null ? 0 : 10,
    previous: { value: null, sample: 0 },
    change: null,
    status: 'none',
    teamMedian: null,
    team: { value: null, sample: 0 },
    reason: value === null ? 'empty_window' : null,
    ...overrides,
  };
}

/** Every agent KPI, empty unless given. */
export function agentKpis(given: Partial<Record<AgentKpiKey, KpiScore>> = {}): Record<AgentKpiKey, KpiScore> {
  return Object.fromEntries(AGENT_KPI_KEYS.map((k) => [k, given[k] ?? score(null)])) as Record<AgentKpiKey, KpiScore>;
}

function allKpis(given: Partial<Record<KpiKey, KpiScore>> = {}): Record<KpiKey, KpiScore> {
  return Object.fromEntries(KPI_KEYS.map((k) => [k, given[k] ?? score(null)])) as Record<KpiKey, KpiScore>;
}

const window = (period: PeriodName) =>
  ({
    today: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' },
    last7Days: { from: '2026-02-24T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' },
    last30Days: { from: '2026-02-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' },
  })[period];

export const TODAY_KPIS = agentKpis({
  solved: score(12, { sample: 12, previous: { value: 10, sample: 10 }, change: 0.2, status: 'green', teamMedian: 9 }),
  csat: score(0.875, {
    sample: 8,
    previous: { value: 0.78125, sample: 32 },
    change: 0.12,
    status: 'green',
    teamMedian: 0.8,
    team: { value: 0.8, sample: 40 },
  }),
  first_reply_time_median: score(95, {
    sample: 11,
    change: 0.25,
    status: 'red',
    teamMedian: 42,
    team: { value: 42, sample: 60 },
  }),
  first_reply_time_mean: score(2820, { sample: 11 }),
  repeat_contact_rate: score(null, { reason: 'waiting_period' }),
  one_touch_rate: score(0.5, { sample: 12, change: 0.03, status: 'amber', team: { value: 0.55, sample: 70 } }),
  reopen_rate: score(0.1, { sample: 10, change: -0.5, status: 'amber', teamMedian: 0.08 }),
  replies_per_ticket: score(1.5, { sample: 12 }),
  nps: score(null, { reason: 'no_survey_source' }),
  backlog: score(4, { sample: 4 }),
});

export function dashboard(overrides: Partial<DashboardData> = {}): DashboardData {
  return {
    agent: { id: '7', name: 'Ann Agent' },
    headline: [
      'csat',
      'repeat_contact_rate',
      'first_reply_time_median',
      'full_resolution_time_median',
      'one_touch_rate',
      'backlog',
    ],
    next: null,
    revision: 41,
    computedAt: NOW,
    timeZone: 'Europe/Berlin',
    periods: {
      today: { ...window('today'), kpis: TODAY_KPIS },
      last7Days: {
        ...window('last7Days'),
        kpis: agentKpis({
          solved: score(61, { sample: 61 }),
          csat: score(0.9, { sample: 40, change: -0.02, status: 'green', teamMedian: 0.85 }),
        }),
      },
      last30Days: {
        ...window('last30Days'),
        kpis: agentKpis({ solved: score(240, { sample: 240 }), csat: score(0.82, { sample: 150, status: 'amber' }) }),
      },
    },
    ...overrides,
  };
}

/** A dashboard without a single ticket in any window (backlog is a snapshot and may still be 0). */
export function emptyDashboard(): DashboardData {
  const empty = agentKpis({ backlog: score(0, { sample: 0 }) });
  return dashboard({
    periods: {
      today: { ...window('today'), kpis: empty },
      last7Days: { ...window('last7Days'), kpis: empty },
      last30Days: { ...window('last30Days'), kpis: empty },
    },
  });
}

export function drillDown(kpi: KpiKey, period: PeriodName, agentId: string | null): DrillDownResponse {
  return {
    kpi,
    period,
    agentId,
    ...window(period),
    value: 0.875,
    sample: ['101', '102', '103'],
    matching: ['101', '102'],
    tickets: ['103', '102', '101'].map((id) => ({
      id,
      subject: null,
      requester: null,
      at: NOW,
      value: null,
      matching: id !== '103',
    })),
  };
}

export function requester(overrides: Partial<RequesterContextResponse> = {}): RequesterContextResponse {
  return {
    requesterId: 'r-1',
    requesterName: 'Rita Reyes',
    contactsLast30Days: 3,
    recentTickets: [
      { id: '900', status: 'open', createdAt: NOW, solvedAt: null, assigneeId: '7' },
      { id: '880', status: 'solved', createdAt: '2026-02-25T09:00:00.000Z', solvedAt: NOW, assigneeId: '7' },
    ],
    openTickets: [{ id: '900', status: 'open', createdAt: NOW, solvedAt: null, assigneeId: '7' }],
    lastRating: { ticketId: '880', positive: true, comment: 'Quick and kind', at: '2026-02-27T12:00:00.000Z' },
    repeatContact: null,
    ...overrides,
  };
}

export function alert(overrides: Partial<AlertItem> = {}): AlertItem {
  return {
    id: 'rating-1:2026-03-01T09:00:00.000Z',
    ratingId: 'rating-1',
    kind: 'success',
    agentId: '7',
    ticketId: '870',
    at: '2026-03-01T09:00:00.000Z',
    comment: 'Thanks, solved in minutes!',
    ...overrides,
  };
}

export function note(overrides: Partial<CoachingNote> = {}): CoachingNote {
  return {
    id: '3f0c1c9e-5b1a-4c1e-9d3e-0a4f2b7c8d9e',
    agentId: '7',
    authorId: 'lead-1',
    authorName: 'Lee Lead',
    ticketId: '860',
    kpi: 'first_reply_time_median',
    body: 'Great save on 860. Try a first reply within the hour on mornings.',
    createdAt: '2026-02-28T08:00:00.000Z',
    updatedAt: '2026-02-28T09:00:00.000Z',
    acknowledgedAt: null,
    history: [
      {
        body: 'Great save on 860.',
        authorId: 'lead-1',
        writtenAt: '2026-02-28T08:00:00.000Z',
        acknowledgedAt: null,
      },
    ],
    ...overrides,
  };
}

export function team(period: PeriodName = 'last7Days'): TeamViewResponse {
  return {
    period,
    ...window(period),
    revision: 41,
    team: allKpis({ solved: score(180, { sample: 180 }), csat: score(0.84, { sample: 120 }) }),
    agents: [
      { agent: { id: '7', name: 'Ann Agent' }, kpis: agentKpis({ solved: score(61), csat: score(0.9) }) },
      { agent: { id: '8', name: 'Ben Berg' }, kpis: agentKpis({ solved: score(80), csat: score(0.75) }) },
      { agent: { id: '9', name: null }, kpis: agentKpis({ solved: score(39), csat: score(0.95) }) },
    ],
  };
}

export function ticketSummary(overrides: Partial<TicketSummaryResponse> = {}): TicketSummaryResponse {
  return {
    ticketId: '900',
    subject: 'Printer offline after update',
    rating: null,
    replies: 2,
    typicalReplies: 3,
    firstReplyMinutes: 75,
    reopens: 0,
    outlier: false,
    ...overrides,
  };
}

/** The account's people as an admin sees them: Ann a Zendesk admin, Ben an agent, Lee a lead chosen in Frontline. */
export function people(): PersonItem[] {
  return [
    { id: '7', name: 'Ann Admin', email: 'ann@acme.example', role: 'admin', roleSource: 'helpdesk' },
    { id: '8', name: 'Ben Berg', email: null, role: 'agent', roleSource: 'default' },
    { id: '9', name: 'Lee Lead', email: null, role: 'lead', roleSource: 'frontline' },
  ];
}
