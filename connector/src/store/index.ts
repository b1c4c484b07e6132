// The public surface of the connector's store: the contract, the factory and its errors.
export {
  isRole,
  MAX_NOTE_LENGTH,
  ROLES,
  type CoachingNote,
  type CoachingStore,
  type NewNote,
  type NoteEdit,
  type NoteVersion,
  type Role,
  type UserRole,
} from './coaching-store.js';
export { createSyncStore, keyOf, PGLITE_FOLDER, type SyncStoreOptions } from './create-sync-store.js';
export type { KpiReads, SliceSelection, ViewBasics, WindowTotals } from './kpi-reads.js';
export { NoteNotFoundError } from './note-not-found-error.js';
export { PgliteSyncStore } from './pglite-sync-store.js';
export { PostgresSyncStore } from './postgres-sync-store.js';
export type {
  HistoryAt,
  HistoryChanges,
  NewTenant,
  PageRows,
  RepliesFound,
  StreamCheckpoint,
  SyncStore,
  Tenant,
  TenantAccess,
  TicketLabel,
  VendorCredentials,
  ZendeskAppKey,
  ZigpollCredentials,
} from './sync-store.js';
export { DEFAULT_HEADLINE, MAX_HEADLINE, type TenantSettings } from './tenant-settings.js';
export { TenantExistsError } from './tenant-exists-error.js';
export { TenantNotFoundError } from './tenant-not-found-error.js';
