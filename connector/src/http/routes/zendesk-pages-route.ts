import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { Logger } from '../../logger.js';
import { ApiError } from '../api-error.js';
import type { AppPageOrigins } from '../app-page-origins.js';

const PageParams = Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_-]+\\.(html|js|css|map|svg|png)$' }) });

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/**
 * What the pages may load: their own scripts and Zendesk's SDK, inline styles (styled-components
 * writes its CSS at run time), and the API at the connector that served them.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://static.zdassets.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Scripts, styles and images are never pages of their own. */
const ASSET_POLICY = "default-src 'none'; frame-ancestors 'none'";

export interface ZendeskPagesOptions {
  /** Where `npm run package` wrote (the pages are in its zendesk-web folder). */
  readonly appsDir: string;
  /** Who may frame the pages and post their token. */
  readonly origins: AppPageOrigins;
  /** Refused posts are logged (address and origin). */
  readonly log: Logger;
}

/** Where `npm run package` writes the pages the Zendesk app's locations load. */
export const ZENDESK_WEB_FOLDER = 'zendesk-web';

/** The signed token Zendesk posts (form field `token`), if the body has one. */
const postedToken = (body: unknown): string | null =>
  typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string' ? body.token : null;

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The Zendesk app's pages. With signed URLs Zendesk loads a location by POSTing its signed token
 * (form field `token`) to the page's URL; a page inside the app's zip could never read it, so the
 * connector serves the pages and writes the token into the page, where the sidebar takes it to
 * POST /v1/auth/zendesk. The token proves nothing until that route verifies it.
 */
export function registerZendeskPages(fastify: FastifyInstance, options: ZendeskPagesOptions): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { origins, log } = options;
  const folder = join(options.appsDir, ZENDESK_WEB_FOLDER);

  /**
   * Login CSRF: any site could post its own signed token into a victim's browser, which would
   * then show (and write notes into) the attacker's account. A browser sends `Origin` with every
   * cross-site form POST, so only a helpdesk's origin is taken. Without `Origin` the request
   * comes from no browser (curl, a server), which cannot plant a session in anyone's browser:
   * it is let through. `Origin: null` (a sandboxed frame, a privacy redirect, an https page
   * posting to http) proves nothing and is refused.
   */
  const checkOrigin = async (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    if (origin !== 'null' && (await origins.allows(origin, request.host))) return;
    log.warn(
      { ip: request.ip, origin: origin.slice(0, 200), route: request.routeOptions.url },
      'app page post refused',
    );
    throw new ApiError(
      'forbidden',
      `the app's pages take a sign-in token only from the helpdesk that frames them (https://<subdomain>.zendesk.com), ` +
        `not from ${JSON.stringify(origin.slice(0, 200))}` +
        (origin === 'null'
          ? ': serve the connector over HTTPS (an https helpdesk posting to http sends no origin)'
          : ': if the helpdesk runs on a domain of its own, add that origin to FRONTLINE_FRAME_ANCESTORS'),
    );
  };

  const send = async (reply: FastifyReply, file: string, token: string | null, framedFrom: string | null) => {
    const extension = file.slice(file.lastIndexOf('.') + 1);
    let body: Buffer;
    try {
      body = await readFile(join(folder, file));
    } catch {
      throw new ApiError('not_found', `no app file ${file}: run npm run package, which writes ${folder}`);
    }
    reply.header('content-type', CONTENT_TYPES[extension] ?? 'application/octet-stream');
    if (extension !== 'html') {
      return reply
        .header('content-security-policy', ASSET_POLICY)
        .header('cache-control', 'public, max-age=300')
        .send(body);
    }
    // Framed by the helpdesk only; a page carrying a token must not be cached anywhere.
    reply
      .header('content-security-policy', `${PAGE_POLICY}; ${origins.frameAncestors(framedFrom)}`)
      .header('cache-control', 'no-store');
    const html = body
      .toString('utf8')
      .replace(
        /<meta name="frontline-zaf-token" content="[^"]*"\s*\/?>/,
        `<meta name="frontline-zaf-token" content="${escapeAttribute(token ?? '')}" />`,
      );
    return reply.send(html);
  };

  const pages: FastifyPluginAsyncTypebox = async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body.toString())));
    });

    scope.post(
      '/apps/zendesk/:file',
      {
        schema: {
          summary: 'A Zendesk app page, loaded by Zendesk with its signed token (signedUrls)',
          tags: ['apps'],
          params: PageParams,
          consumes: ['application/x-www-form-urlencoded'],
        },
        onRequest: checkOrigin,
      },
      async (request, reply) =>
        send(reply, request.params.file, postedToken(request.body), request.headers.origin ?? null),
    );

    scope.get(
      '/apps/zendesk/:file',
      { schema: { summary: 'A Zendesk app page or asset (scripts, styles)', tags: ['apps'], params: PageParams } },
      async (request, reply) => send(reply, request.params.file, null, null),
    );
  };
  app.register(pages);
}
