/**
 * Freshdesk around the app, for the preview of `npm start` and the browser tests. The platform's own client (`{{{appclient}}}`,
 * fresh_client.js) is served by Freshworks and not published, so a stand-in client takes its place
 * inside the frame: it offers the calls the app makes (`app.initialized`, `data.get`,
 * `iparams.get`, `request.invokeTemplate`, `instance.resize`, `events.on`) and forwards each to
 * this parent page, which answers as Freshdesk would: the logged-in agent and ticket, the
 * non-secure installation parameters, the account's host, and the `signIn` and `register`
 * templates of config/requests.json run the way the platform runs them (the secure API key put
 * into the header here, never in the frame).
 */
export interface FreshworksParentOptions {
  /** The app page (index.html or team.html), served with the stand-in client. */
  readonly appUrl: string;
  readonly connectorUrl: string;
  /** The account's URL (`https://acme.freshdesk.com`, or a simulator's), as `currentHost` names it. */
  readonly accountUrl: string;
  /** The secure installation parameter the admin typed: the account's API key. */
  readonly apiKey: string;
  readonly agentId: string;
  readonly ticket: { readonly id: number; readonly requesterId: number } | null;
  readonly wide?: boolean;
}

/** The client the frame loads in place of `{{{appclient}}}`. */
export const FRESHWORKS_CLIENT_STAND_IN = `(() => {
  const pending = new Map();
  const handlers = {};
  let next = 0;
  const call = (service, method, args) => new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject });
    window.parent.postMessage({ frontline: 'call', id, service, method, args }, '*');
  });
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || event.source !== window.parent) return;
    if (m.frontline === 'reply' && pending.has(m.id)) {
      const { resolve, reject } = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) reject(m.error); else resolve(m.result);
    }
    if (m.frontline === 'event') (handlers[m.name] || []).forEach((h) => h({ helper: { getData: () => m.data } }));
  });
  const client = {
    data: { get: (name) => call('data', 'get', [name]) },
    iparams: { get: (key) => call('iparams', 'get', [key]) },
    instance: { resize: (size) => call('instance', 'resize', [size]) },
    interface: { trigger: (action, options) => call('interface', 'trigger', [action, options]) },
    request: { invokeTemplate: (name, options) => call('request', 'invokeTemplate', [name, options]) },
    events: { on: (name, handler) => { (handlers[name] = handlers[name] || []).push(handler); } },
  };
  window.app = { initialized: () => Promise.resolve(client) };
})();`;

export function freshworksParentPage(options: FreshworksParentOptions): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Freshdesk (played by Frontline)</title>
<style>body{margin:0;font-family:sans-serif;background:#ebeff3} iframe{border:0;width:${options.wide ? 1100 : 340}px;height:700px;background:#fff}</style>
</head><body>
<iframe title="Frontline" src="${options.appUrl}"></iframe>
<script>
const options = ${JSON.stringify(options)};
const iframe = document.querySelector('iframe');
const freshdesk = (window.freshdesk = { heights: [], triggers: [] });
const reply = (id, result, error) => iframe.contentWindow.postMessage({ frontline: 'reply', id, result, error }, '*');
freshdesk.fire = (name, data) => iframe.contentWindow.postMessage({ frontline: 'event', name, data: data || {} }, '*');
const data = {
  loggedInUser: { loggedInUser: { id: Number(options.agentId), contact: { language: 'en' } } },
  currentHost: { currentHost: { subscribed_modules: ['support_ticket'], endpoint_urls: { freshdesk: options.accountUrl } } },
  ticket: options.ticket ? { ticket: { id: options.ticket.id, requester_id: options.ticket.requesterId } } : {},
};
// What the platform does with the templates of config/requests.json.
const TEMPLATES = { signIn: '/v1/auth/freshdesk', register: '/v1/connect/freshdesk' };
freshdesk.calls = [];
async function invokeTemplate(name, body) {
  if (!(name in TEMPLATES)) throw { status: 400, message: 'unknown template ' + name };
  freshdesk.calls.push(name);
  const response = await fetch(options.connectorUrl + TEMPLATES[name], {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Basic ' + btoa(options.apiKey) },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw { status: response.status, response: text };
  return { status: response.status, response: text };
}
window.addEventListener('message', async (event) => {
  const m = event.data;
  if (!m || m.frontline !== 'call' || event.source !== iframe.contentWindow) return;
  try {
    let result;
    if (m.service === 'data') result = data[m.args[0]] || {};
    else if (m.service === 'iparams') result = { connector_host: new URL(options.connectorUrl).host };
    else if (m.service === 'instance') { freshdesk.heights.push(m.args[0].height); iframe.style.height = m.args[0].height; result = {}; }
    else if (m.service === 'interface') { freshdesk.triggers.push(m.args); result = {}; }
    else if (m.service === 'request') result = await invokeTemplate(m.args[0], m.args[1] && m.args[1].body);
    reply(m.id, result);
  } catch (error) {
    reply(m.id, undefined, error);
  }
});
</script>
</body></html>`;
}
