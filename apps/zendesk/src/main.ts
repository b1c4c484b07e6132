// The Zendesk app's entry: one bundle for both locations; the page says which it is.
import { mountSidebar, mountTeamView } from '@frontline/sidebar-ui';
import type { ZafGlobal } from './zaf-client.js';
import { createZafHost } from './zaf-host.js';

const root = document.getElementById('root');
const zaf = (window as unknown as { ZAFClient?: ZafGlobal }).ZAFClient;
const client = zaf?.init();
if (root === null || !client) {
  // Opened outside Zendesk (or the SDK did not load): nothing to mount.
  if (root !== null) root.textContent = 'Frontline runs inside Zendesk: open a ticket there.';
} else {
  const token = document.querySelector<HTMLMetaElement>('meta[name="frontline-zaf-token"]')?.content ?? null;
  const host = createZafHost(client, { signedToken: token, pageUrl: location.href });
  if (root.dataset['location'] === 'nav_bar') mountTeamView(root, host);
  else mountSidebar(root, host);
}
