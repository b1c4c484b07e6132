/** What the preview page says about each demo tenant. */
export interface PreviewTenant {
  readonly name: string;
  readonly vendor: 'zendesk' | 'freshdesk';
  readonly agentName: string;
  readonly leadName: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The page `npm start` prints: both sidebars inside frames that play their helpdesks, and the
 * lead's team view. Its frames load once both demo tenants have synced enough to sign in.
 */
export function previewPage(tenants: readonly PreviewTenant[]): string {
  const zendesk = tenants.find((t) => t.vendor === 'zendesk')!;
  const freshdesk = tenants.find((t) => t.vendor === 'freshdesk')!;
  const frame = (id: string, title: string, caption: string, src: string, wide = false) => `
    <figure class="${wide ? 'wide' : ''}">
      <figcaption><strong>${escapeHtml(title)}</strong> ${escapeHtml(caption)}</figcaption>
      <iframe id="${id}" title="${escapeHtml(title)}" data-src="${src}"></iframe>
    </figure>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Frontline preview</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #2f3941; background: #f8f9f9; }
  header { padding: 16px 24px; background: #03363d; color: #fff; }
  header h1 { margin: 0 0 4px; font-size: 20px; }
  header p { margin: 0; opacity: 0.85; }
  header a { color: #fff; }
  #status { padding: 8px 24px; background: #edf7ff; border-bottom: 1px solid #d8dcde; }
  main { display: flex; flex-wrap: wrap; gap: 24px; padding: 24px; }
  figure { margin: 0; }
  figcaption { margin-bottom: 8px; color: #68737d; }
  iframe { border: 1px solid #d8dcde; border-radius: 4px; background: #fff; width: 380px; height: 760px; }
  figure.wide iframe { width: 1140px; height: 760px; }
</style></head>
<body>
<header>
  <h1>Frontline preview</h1>
  <p>Two demo helpdesks run on this machine and keep producing tickets, replies and ratings; the sidebars update live.
  API: <a href="/openapi.json">/openapi.json</a> · <a href="/healthz">/healthz</a> (and <code>/metrics</code> with FRONTLINE_ADMIN_TOKEN as a bearer token)</p>
</header>
<div id="status" role="status">Syncing the demo helpdesks…</div>
<main>
${frame('zendesk', 'Zendesk ticket sidebar', `· ${zendesk.agentName}, agent of ${zendesk.name}`, '/preview/zendesk')}
${frame('freshdesk', 'Freshdesk ticket sidebar', `· ${freshdesk.agentName}, agent of ${freshdesk.name}`, '/preview/freshdesk')}
${frame('lead', "Lead's team view", `· ${zendesk.leadName}, lead of ${zendesk.name}`, '/preview/lead', true)}
</main>
<script>
// The frames sign in as agents the helpdesks' sync has stored: they load once it has.
const status = document.getElementById('status');
async function poll() {
  try {
    const tenants = await (await fetch('/preview/status')).json();
    const waiting = tenants.filter((t) => !t.ready);
    if (waiting.length === 0) {
      status.textContent = 'Live: ' + tenants.map((t) => t.name).join(' and ') + ' are synced and update as their helpdesks change.';
      for (const frame of document.querySelectorAll('iframe[data-src]')) {
        frame.src = frame.dataset.src;
        frame.removeAttribute('data-src');
      }
      return;
    }
    status.textContent = 'Syncing ' + waiting.map((t) => t.name).join(' and ') + '…';
  } catch {
    status.textContent = 'The Frontline process does not answer: is npm start still running?';
  }
  setTimeout(poll, 250);
}
poll();
</script>
</body></html>`;
}
