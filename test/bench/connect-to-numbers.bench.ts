/**
 * From an admin clicking Connect to the first numbers in an agent's sidebar: a Zendesk account of
 * 10,000 tickets at the vendor's real limits (its default plan's pace until the account's answers
 * say more, the export's 10 requests a minute, 100 ms a request), connected to a fresh connector
 * process through the app's routes exactly as the browser does: Connect, the consent page's
 * Allow, the redirect back; then the agent's sign-in and dashboard are asked until the dashboard
 * has numbers. Bound: at most 2 minutes.
 */
import { fileURLToPath } from 'node:url';
import { appToken, simulatedHelpdesk, startMarketplaceConnector } from '../support/connect-stack.js';
import type { BenchResult } from './bench-result.js';

const TICKETS = 10_000;
const BOUND_MS = 120_000;

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** What the admin's browser does: Connect, Allow on the consent page, follow the redirect back. */
async function connectAsAdmin(apiUrl: string, token: string): Promise<void> {
  const started = await post(`${apiUrl}/v1/connect/zendesk`, { token });
  if (!started.ok) throw new Error(`Connect: ${started.status} ${await started.text()}`);
  const { authorizeUrl } = (await started.json()) as { authorizeUrl: string };
  const consent = await (await fetch(authorizeUrl)).text();
  const form = /<form method="post" action="([^"]+)">(.*)<\/form>/s.exec(consent);
  if (form === null) throw new Error('no consent form');
  const fields = new URLSearchParams({ decision: 'allow' });
  for (const [, name, value] of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(
      name!,
      value!
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
    );
  }
  const allowed = await fetch(form[1]!, { method: 'POST', body: fields, redirect: 'manual' });
  const back = allowed.headers.get('location');
  if (back === null) throw new Error(`consent answered ${allowed.status} without a redirect`);
  const callback = await fetch(back);
  if (!callback.ok) throw new Error(`callback: ${callback.status} ${await callback.text()}`);
}

/** Resolves once the agent's dashboard has a number, polling as the sidebar's retries would. */
async function firstNumbers(apiUrl: string, token: () => string): Promise<void> {
  for (;;) {
    const signIn = await post(`${apiUrl}/v1/auth/zendesk`, { token: token() });
    if (signIn.ok) {
      const session = (await signIn.json()) as { token: string };
      const dashboard = await fetch(`${apiUrl}/v1/agents/me/dashboard`, {
        headers: { authorization: `Bearer ${session.token}` },
      });
      if (dashboard.ok) {
        const body = (await dashboard.json()) as {
          periods: Record<string, { kpis: Record<string, { value: number | null }> }>;
        };
        if (
          Object.values(body.periods).some(
            (p) => p.kpis['solved']?.value !== null && p.kpis['solved']?.value !== undefined,
          )
        )
          return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Resolves once the admin's setup panel says the last 60 days are all in. */
async function recentSynced(apiUrl: string, token: () => string): Promise<void> {
  for (;;) {
    const signIn = await post(`${apiUrl}/v1/auth/zendesk`, { token: token() });
    if (signIn.ok) {
      const session = (await signIn.json()) as { token: string };
      const status = await fetch(`${apiUrl}/v1/connect/status`, {
        headers: { authorization: `Bearer ${session.token}` },
      });
      if (status.ok && ((await status.json()) as { recent: { share: number } }).recent.share >= 1) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

export async function benchConnectToNumbers(): Promise<BenchResult> {
  const helpdesk = await simulatedHelpdesk('zendesk', { tickets: TICKETS, days: 90, latencyMs: 100 });
  // No page frames the app here: the bench calls the app's routes as its pages would.
  const connector = await startMarketplaceConnector('http://127.0.0.1:1');
  try {
    const [admin, agent] = helpdesk.account.history.agents;
    const clicked = performance.now();
    await connectAsAdmin(connector.apiUrl, appToken(helpdesk.host, admin!.id));
    const connectedMs = performance.now() - clicked;
    await firstNumbers(connector.apiUrl, () => appToken(helpdesk.host, agent!.id));
    const ms = performance.now() - clicked;
    await recentSynced(connector.apiUrl, () => appToken(helpdesk.host, admin!.id));
    const recentMs = performance.now() - clicked;
    return {
      name: `connect: Zendesk admin's Connect to an agent's first numbers, ${TICKETS} tickets at the vendor's limits`,
      figures: {
        'connected s': Number((connectedMs / 1000).toFixed(1)),
        'first numbers s': Number((ms / 1000).toFixed(1)),
        'last 60 days synced s': Number((recentMs / 1000).toFixed(1)),
      },
      bound: `<= ${BOUND_MS / 1000} s`,
      ratio: Number((BOUND_MS / ms).toFixed(2)),
      pass: ms <= BOUND_MS,
    };
  } finally {
    await connector.close();
    await helpdesk.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await benchConnectToNumbers())}\n`);
}
