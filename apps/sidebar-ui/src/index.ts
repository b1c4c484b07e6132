// The public surface of @frontline/sidebar-ui: the mount functions the host apps call, the host
// contract they implement, and the client for hosts that want to talk to the connector themselves.
// Garden's theme types for styled-components (a module augmentation; nothing at run time).
import type {} from './styled-theme.js';
export { mountSidebar, mountTeamView, type Unmount } from './mount.js';
export type { MountDeps } from './components/Root.js';
export type { ResizeObserverFactory } from './components/AutoResize.js';
export type { HostContext, HostLocation, HostTicket, SidebarHost } from './host.js';
export { USER_KEY_STORAGE } from './personal-key.js';
export {
  ConnectorError,
  createConnectorClient,
  type ConnectorClient,
  type ConnectorClientOptions,
  type SortOrder,
  type TeamSort,
} from './connector-client.js';
export {
  openLiveStream,
  type EventSourceFactory,
  type EventSourceLike,
  type LiveStream,
  type LiveStreamOptions,
  type StreamHandlers,
} from './live-stream.js';
export { createTranslator, type MessageKey, type Translator } from './i18n/translate.js';
export type { DailyTrend, DashboardData } from './dashboard.js';
