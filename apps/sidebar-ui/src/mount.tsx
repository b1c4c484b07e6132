// The entry points the host apps call: render one view into an element, return its unmount.
import { createRoot } from 'react-dom/client';
import { Root, type MountDeps } from './components/Root.js';
import { SidebarApp } from './components/SidebarApp.js';
import { TeamApp } from './components/TeamApp.js';
import type { SidebarHost } from './host.js';

/** Unmounts the view and closes its live stream. */
export type Unmount = () => void;

/** The agent's sidebar (ticket_sidebar): own KPIs, requester context, alerts, coaching notes. */
export function mountSidebar(element: Element, host: SidebarHost, deps: MountDeps = {}): Unmount {
  const root = createRoot(element);
  root.render(
    <Root host={host} deps={deps} label="app.sidebarLabel">
      <SidebarApp />
    </Root>,
  );
  return () => root.unmount();
}

/** The lead's team view (nav_bar, full_page_app): team table, drill-down, notes, targets. */
export function mountTeamView(element: Element, host: SidebarHost, deps: MountDeps = {}): Unmount {
  const root = createRoot(element);
  root.render(
    <Root host={host} deps={deps} label="app.teamLabel">
      <TeamApp />
    </Root>,
  );
  return () => root.unmount();
}
