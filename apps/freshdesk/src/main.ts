// The Freshdesk app's entry: one bundle for both locations; the page says which it is.
import { mountSidebar, mountTeamView } from '@frontline/sidebar-ui';
import type { FreshworksApp } from './freshworks-client.js';
import { createFreshworksHost } from './freshworks-host.js';

const root = document.getElementById('root');
const app = (window as unknown as { app?: FreshworksApp }).app;
if (root === null || app === undefined) {
  if (root !== null) root.textContent = 'Frontline runs inside Freshdesk: open a ticket there.';
} else {
  const location = root.dataset['location'] === 'full_page_app' ? 'full_page_app' : 'ticket_sidebar';
  void app.initialized().then((client) => {
    const host = createFreshworksHost(client, location);
    if (location === 'full_page_app') mountTeamView(root, host);
    else mountSidebar(root, host);
  });
}
