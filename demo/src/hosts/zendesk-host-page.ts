/**
 * A page that plays Zendesk around the app's iframe, speaking the ZAF SDK's postMessage protocol
 * (zendesk.md 3.5): it loads the location the way Zendesk does with signed URLs (a form POST of
 * the signed token to the app's URL, with `origin` and `app_guid`), registers the app with its
 * settings and location, answers `get` and `invoke`, records resizes, routes and subscriptions,
 * and fires ticket events on request (`window.zendesk.fire('ticket.updated')`).
 */
export interface ZendeskParentOptions {
  /** The connector, whose /apps/zendesk/ serves the app's pages. */
  readonly connectorUrl: string;
  readonly location: 'ticket_sidebar' | 'nav_bar';
  readonly signedToken: string;
  /** What `client.get` answers, by path. */
  readonly values: Readonly<Record<string, unknown>>;
}

export function zendeskParentPage(options: ZendeskParentOptions): string {
  const page = options.location === 'nav_bar' ? 'team.html' : 'sidebar.html';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Zendesk (played by Frontline)</title>
<style>body{margin:0;font-family:sans-serif;background:#f8f9f9} iframe{border:0;width:${options.location === 'nav_bar' ? 1100 : 340}px;height:700px;background:#fff}</style>
</head><body>
<iframe name="app" title="Frontline"></iframe>
<script>
const options = ${JSON.stringify(options)};
const appOrigin = new URL(options.connectorUrl).origin;
const iframe = document.querySelector('iframe');
const zendesk = (window.zendesk = { messages: [], heights: [], routes: [], subscribers: {}, registered: false });
const post = (data) => iframe.contentWindow.postMessage(JSON.stringify(data), appOrigin);
zendesk.fire = (event, message) => post({ key: 'zaf.' + event, message: message || {} });
window.addEventListener('message', (event) => {
  if (event.origin !== appOrigin || event.source !== iframe.contentWindow) return;
  const msg = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
  zendesk.messages.push(msg);
  if (msg.key === 'iframe.handshake') {
    zendesk.registered = true;
    post({ key: 'zaf.app.registered', message: {
      metadata: { appId: 1, installationId: 1, name: 'Frontline', settings: { connector_url: options.connectorUrl } },
      context: { location: options.location, product: 'support' },
    } });
  } else if (msg.request === 'get') {
    const result = { errors: {} };
    for (const path of msg.params) {
      if (path in options.values) result[path] = options.values[path];
      else result.errors[path] = { message: 'No such path', name: 'Error', path };
    }
    post({ id: msg.id, result });
  } else if (msg.request === 'invoke') {
    for (const [name, args] of Object.entries(msg.params)) {
      if (name === 'resize') {
        // As Zendesk does: the frame takes the height the app asks for.
        zendesk.heights.push(args[0] && args[0].height);
        if (args[0] && args[0].height) iframe.style.height = args[0].height;
      }
      if (name === 'routeTo') zendesk.routes.push(args);
    }
    post({ id: msg.id, result: { errors: {} } });
  } else if (typeof msg.key === 'string' && msg.key.startsWith('iframe.on:')) {
    zendesk.subscribers[msg.key.slice('iframe.on:'.length)] = msg.message.subscriberCount;
  }
});
// As Zendesk loads a signed location: POST the token to the app's URL, into the frame.
const form = document.createElement('form');
form.method = 'POST';
form.target = 'app';
form.action = options.connectorUrl + '/apps/zendesk/${page}?origin=' + encodeURIComponent(location.origin) + '&app_guid=test-app-guid';
const field = document.createElement('input');
field.type = 'hidden';
field.name = 'token';
field.value = options.signedToken;
form.append(field);
document.body.append(form);
form.submit();
</script>
</body></html>`;
}
