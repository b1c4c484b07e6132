/**
 * What the browser tests and the sidebar benchmark share: a server for the pages that play the
 * helpdesks (and the Freshdesk app folder, as the platform serves it), and reading a KPI the way
 * an agent reads it.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from 'playwright-core';
import { FRESHWORKS_CLIENT_STAND_IN } from '@frontline/demo/hosts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Serves the parent pages by path, and the Freshdesk app folder under /app/ as the platform would. */
export async function serveParents(pages: Map<string, () => string>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]!;
    void (async () => {
      const page = pages.get(path);
      if (page) return [200, 'text/html; charset=utf-8', page()] as const;
      if (path === '/freshworks-client-stand-in.js')
        return [200, 'text/javascript', FRESHWORKS_CLIENT_STAND_IN] as const;
      if (/^\/app\/[\w/.-]+$/.test(path) && !path.includes('..')) {
        const file = await readFile(join(REPO, 'dist/freshdesk-app', path)).catch(() => null);
        if (file === null) return [404, 'text/plain', 'not found'] as const;
        // The platform puts its client where the page says {{{appclient}}}; here, the test client.
        if (path.endsWith('.html')) {
          return [
            200,
            'text/html; charset=utf-8',
            file.toString('utf8').replace('{{{appclient}}}', '/freshworks-client-stand-in.js'),
          ] as const;
        }
        return [200, path.endsWith('.js') ? 'text/javascript' : 'application/octet-stream', file] as const;
      }
      return [404, 'text/plain', 'not found'] as const;
    })().then(([status, type, body]) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The value the sidebar shows for a KPI, as the agent reads it (the number beside its name). */
export async function shownValue(frame: Frame, label: string): Promise<string> {
  const row = frame.getByRole('button', { name: `${label}: show the tickets` }).locator('xpath=ancestor::li[1]');
  return (await row.locator('[data-kpi-value]').innerText()).trim();
}

/** Opens "All numbers" (the KPIs past the headline), if it is not open yet. */
export async function showAllNumbers(frame: Frame, timeoutMs = 30_000): Promise<void> {
  const more = frame.getByRole('button', { name: 'All numbers' });
  await more
    .or(frame.getByRole('button', { name: 'Fewer numbers' }))
    .first()
    .waitFor({ timeout: timeoutMs });
  if ((await more.count()) > 0) await more.click();
}

/**
 * Shows the sidebar's last seven days with all its numbers and waits for them. Today would depend
 * on the hour: before the simulated helpdesks' business day (Europe/Berlin) it holds no work yet.
 */
export async function showSevenDays(frame: Frame, timeoutMs = 30_000): Promise<void> {
  await frame.getByRole('tab', { name: '7 days' }).click({ timeout: timeoutMs });
  await showAllNumbers(frame, timeoutMs);
  await frame.getByRole('button', { name: 'Solved tickets: show the tickets' }).waitFor({ timeout: timeoutMs });
}
