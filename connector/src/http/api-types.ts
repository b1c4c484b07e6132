// The API's request and response types, derived from the schemas the server validates with:
// the sidebar imports these type-only, so the two cannot drift apart.
import type { Static } from 'typebox';
import type { ErrorBody } from './schemas/common-schemas.js';
import type { PeopleList, Person, RoleBody, RoleChanged, RoleSource } from './schemas/people-schemas.js';
import type { ConnectionStatus, Disconnected, ZendeskConnectStart } from './schemas/connect-schemas.js';
import type { FreshdeskExchangeBody, SessionBody, ZendeskExchangeBody } from './schemas/auth-schemas.js';
import type {
  EditNoteBody,
  NewNoteBody,
  Note,
  NoteList,
  Target,
  TargetBody,
  TargetList,
} from './schemas/coaching-schemas.js';
import type {
  Alert,
  AlertList,
  Dashboard,
  DrillDown,
  DrillDownTicket,
  MissingReason,
  NextAction,
  Period,
  RequesterContext,
  Settings,
  TeamView,
  TicketSummary,
} from './schemas/kpi-schemas.js';

export type ApiError = Static<typeof ErrorBody>;
export type ConnectStartResponse = Static<typeof ZendeskConnectStart>;
export type ConnectionStatusResponse = Static<typeof ConnectionStatus>;
export type DisconnectResponse = Static<typeof Disconnected>;
export type SessionResponse = Static<typeof SessionBody>;
export type ZendeskSignIn = Static<typeof ZendeskExchangeBody>;
export type FreshdeskSignIn = Static<typeof FreshdeskExchangeBody>;
export type DashboardResponse = Static<typeof Dashboard>;
export type TeamViewResponse = Static<typeof TeamView>;
export type DrillDownResponse = Static<typeof DrillDown>;
export type RequesterContextResponse = Static<typeof RequesterContext>;
export type AlertItem = Static<typeof Alert>;
export type AlertListResponse = Static<typeof AlertList>;
export type PeriodName = Static<typeof Period>;
export type DrillDownTicketRow = Static<typeof DrillDownTicket>;
export type MissingReasonName = Static<typeof MissingReason>;
export type NextActionItem = Static<typeof NextAction>;
export type TicketSummaryResponse = Static<typeof TicketSummary>;
export type SettingsResponse = Static<typeof Settings>;
export type CoachingNote = Static<typeof Note>;
export type NoteListResponse = Static<typeof NoteList>;
export type NewNoteRequest = Static<typeof NewNoteBody>;
export type EditNoteRequest = Static<typeof EditNoteBody>;
export type KpiTargetItem = Static<typeof Target>;
export type TargetListResponse = Static<typeof TargetList>;
export type TargetRequest = Static<typeof TargetBody>;
export type PersonItem = Static<typeof Person>;
export type PeopleListResponse = Static<typeof PeopleList>;
export type RoleSourceName = Static<typeof RoleSource>;
export type RoleRequest = Static<typeof RoleBody>;
export type RoleChangedResponse = Static<typeof RoleChanged>;
/** The events of GET /v1/stream: `dashboard` (DashboardResponse), `alert` (AlertItem), `note` (CoachingNote). */
export type StreamEventName = 'dashboard' | 'alert' | 'note';
