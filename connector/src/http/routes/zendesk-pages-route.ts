import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import Type, { type Static } from 'typebox';
import { ApiError } from '../api-error.js';

const PageParams = Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_-]+\\.(html|js|css|map|svg|png)$' }) });

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/** Where `npm run package` writes the pages the Zendesk app's locations load. */
export const ZENDESK_WEB_FOLDER = 'zendesk-web';

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The Zendesk app's pages. With signed URLs Zendesk loads a location by POSTing its signed token
 * (form field `token`) to the page's URL; a page inside the app's zip could never read it, so the
 * connector serves the pages and writes the token into the page, where the sidebar takes it to
 * POST /v1/auth/zendesk. The token proves nothing until that route verifies it.
 */
export function registerZendeskPages(app: FastifyInstance, appsDir: string): void {
  const folder = join(appsDir, ZENDESK_WEB_FOLDER);

  const send = async (reply: FastifyReply, file: string, token: string | null) => {
    const extension = file.slice(file.lastIndexOf('.') + 1);
    let body: Buffer;
    try {
      body = await readFile(join(folder, file));
    } catch {
      throw new ApiError('not_found', `no app file ${file}: run npm run package, which writes ${folder}`);
    }
    reply.header('content-type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
    if (extension !== 'html') return reply.header('cache-control', 'public, max-age=300').send(body);
    // A page carrying a token must not be cached anywhere.
    reply.header('cache-control', 'no-store');
    const html = body
      .toString('utf8')
      .replace(
        /<meta name="frontline-zaf-token" content="[^"]*"\s*\/?>/,
        `<meta name="frontline-zaf-token" content="${escapeAttribute(token ?? '')}" />`,
      );
    return reply.send(html);
  };

  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.post<{ Params: Static<typeof PageParams>; Body: Record<string, string> }>(
      '/apps/zendesk/:file',
      {
        schema: {
          summary: 'A Zendesk app page, loaded by Zendesk with its signed token (signedUrls)',
          tags: ['apps'],
          params: PageParams,
          consumes: ['application/x-www-form-urlencoded'],
        },
      },
      async (request, reply) => {
        const token = typeof request.body?.['token'] === 'string' ? request.body['token'] : null;
        return send(reply, request.params.file, token);
      },
    );

    scope.get<{ Params: Static<typeof PageParams> }>(
      '/apps/zendesk/:file',
      { schema: { summary: 'A Zendesk app page or asset (scripts, styles)', tags: ['apps'], params: PageParams } },
      async (request, reply) => send(reply, request.params.file, null),
    );
  });
}
