import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signZendeskAppToken } from '@frontline/connector/auth';
import type { SyncStore } from '@frontline/connector/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DemoTenant } from './demo-tenants.js';
import { DEMO_ZENDESK_APP } from './demo-tenants.js';
import { freshworksParentPage, FRESHWORKS_CLIENT_STAND_IN, ZAF_SDK_URL, zendeskParentPage } from './hosts/index.js';
import { previewPage } from './preview-page.js';

const SDK_PATH = '/preview/zaf-sdk.js';
const CLIENT_PATH = '/preview/freshworks-client.js';
const FRESHDESK_APP_FILE = /^(app\/[\w/.-]+|manifest\.json)$/;
const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/** The preview's origin as the browser sees it: the frames must post messages to exactly it. */
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

/**
 * The preview of `npm start` on the API's own server: the page at `/`, the pages that play
 * Zendesk and Freshdesk around the apps, and what those need offline (the ZAF SDK from its npm
 * copy instead of Zendesk's CDN; a stand-in for Freshworks' unpublished client).
 */
export function registerPreview(
  app: FastifyInstance,
  deps: {
    readonly store: SyncStore;
    readonly tenants: readonly DemoTenant[];
    readonly appsDir: string;
    /** The ZAF SDK as a browser script (see zafSdkScript). */
    readonly zafSdk: Promise<string>;
  },
): void {
  const zendesk = deps.tenants.find((t) => t.vendor === 'zendesk')!;
  const freshdesk = deps.tenants.find((t) => t.vendor === 'freshdesk')!;
  const page = previewPage(
    deps.tenants.map((t) => ({ name: t.name, vendor: t.vendor, agentName: t.agent.name, leadName: t.lead.name })),
  );

  /** The ticket the agent has open in the helpdesk: the one the sidebar sits beside. */
  const openTicketOf = (tenant: DemoTenant) => tenant.helpdesk.account.openTicketOf(Number(tenant.agent.id));

  const zendeskToken = (userId: string) => {
    const now = Math.floor(Date.now() / 1000);
    return signZendeskAppToken(
      { iss: DEMO_ZENDESK_APP.issuer, aud: DEMO_ZENDESK_APP.audience, sub: userId, iat: now, exp: now + 300 },
      zendesk.appKey!,
    );
  };

  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type(TYPES['html']!).send(page));

  app.get('/preview/status', { schema: { hide: true } }, async () =>
    Promise.all(
      deps.tenants.map(async (t) => {
        const [agents, tickets] = await Promise.all([
          deps.store.readCheckpoint(t.tenant.id, 'agents'),
          deps.store.readCheckpoint(t.tenant.id, 'tickets'),
        ]);
        return { name: t.name, vendor: t.vendor, ready: agents !== null && tickets !== null };
      }),
    ),
  );

  app.get('/preview/zendesk', { schema: { hide: true } }, async (request, reply) => {
    const ticket = openTicketOf(zendesk);
    const html = zendeskParentPage({
      connectorUrl: originOf(request),
      location: 'ticket_sidebar',
      signedToken: zendeskToken(zendesk.agent.id),
      values: {
        'currentUser.locale': 'en-US',
        ...(ticket === null ? {} : { 'ticket.id': ticket.id, 'ticket.requester.id': ticket.requesterId }),
      },
    });
    return reply.type(TYPES['html']!).header('cache-control', 'no-store').send(html);
  });

  app.get('/preview/lead', { schema: { hide: true } }, async (request, reply) => {
    const html = zendeskParentPage({
      connectorUrl: originOf(request),
      location: 'nav_bar',
      signedToken: zendeskToken(zendesk.lead.id),
      values: { 'currentUser.locale': 'en-US' },
    });
    return reply.type(TYPES['html']!).header('cache-control', 'no-store').send(html);
  });

  app.get('/preview/freshdesk', { schema: { hide: true } }, async (request, reply) => {
    const ticket = openTicketOf(freshdesk);
    const origin = originOf(request);
    const html = freshworksParentPage({
      appUrl: `${origin}/preview/freshdesk-app/app/index.html`,
      connectorUrl: origin,
      accountUrl: freshdesk.helpdesk.url,
      apiKey: freshdesk.apiKey,
      agentId: freshdesk.agent.id,
      ticket,
    });
    return reply.type(TYPES['html']!).header('cache-control', 'no-store').send(html);
  });

  app.get<{ Params: { '*': string } }>(
    '/preview/freshdesk-app/*',
    { schema: { hide: true } },
    async (request, reply) => {
      const file = request.params['*'];
      if (!FRESHDESK_APP_FILE.test(file) || file.includes('..')) return reply.status(404).send({ error: 'not_found' });
      const body = await readFile(join(deps.appsDir, 'freshdesk-app', file)).catch(() => null);
      if (body === null) {
        return reply.status(404).send({
          error: 'not_found',
          message: `no app file ${file}: run npm run package, which writes dist/freshdesk-app`,
        });
      }
      const extension = file.slice(file.lastIndexOf('.') + 1);
      reply.type(TYPES[extension] ?? 'application/octet-stream');
      // The platform puts its client where the page says {{{appclient}}}; here, the stand-in.
      return extension === 'html'
        ? reply.send(body.toString('utf8').replace('{{{appclient}}}', CLIENT_PATH))
        : reply.send(body);
    },
  );

  app.get(CLIENT_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.type(TYPES['js']!).send(FRESHWORKS_CLIENT_STAND_IN),
  );

  app.get(SDK_PATH, { schema: { hide: true } }, async (_request, reply) => {
    return reply
      .type(TYPES['js']!)
      .header('cache-control', 'public, max-age=3600')
      .send(await deps.zafSdk);
  });

  // The Zendesk pages load the SDK from Zendesk's CDN; the preview must work offline.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (typeof payload !== 'string' || !request.url.startsWith('/apps/zendesk/')) return payload;
    return payload.replace(ZAF_SDK_URL, SDK_PATH);
  });
}
