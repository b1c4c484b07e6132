import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { createBullBoard } from '@bull-board/api';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../logger.js';
import { adminTokenMatcher } from '../admin-token.js';
import { ApiError, ERROR_STATUS } from '../api-error.js';
import type { ErrorBody } from '../error-handler.js';

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

/** Where the operators' queue dashboard lives. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

export interface QueueDashboardOptions {
  /** `FRONTLINE_ADMIN_TOKEN`, the dashboard's password; `null` turns the dashboard off. */
  readonly adminToken: string | null;
  /** The BullMQ queues to show; none when jobs run in process (no REDIS_URL). */
  readonly queues: readonly Queue[];
  /** Refused sign-ins are logged (address and user name, never the password). */
  readonly log: Logger;
}

const NOT_CONFIGURED =
  'the queue dashboard is off: set FRONTLINE_ADMIN_TOKEN (at least 24 characters, e.g. `openssl rand -base64 32`) ' +
  'and REDIS_URL (the dashboard shows the BullMQ queue), then restart `frontline serve`';

/** What the browser shows in its sign-in prompt. */
const CHALLENGE = 'Basic realm="Frontline queues", charset="UTF-8"';

/** The user name and password of an HTTP Basic `authorization` header, or null. */
function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match === null) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Never in a frame: a framed dashboard could be clicked through, and a framed click passes the
 * Sec-Fetch-Site check below (the frame is same-origin).
 */
const neverFramed = async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
  reply.header('x-frame-options', 'DENY').header('content-security-policy', "frame-ancestors 'none'");
  return payload;
};

function refuse(reply: FastifyReply, code: 'unauthenticated' | 'forbidden', message: string): FastifyReply {
  const body: ErrorBody = { error: { code, message } };
  if (code === 'unauthenticated') reply.header('www-authenticate', CHALLENGE);
  return reply.status(ERROR_STATUS[code]).header('cache-control', 'no-store').send(body);
}

/**
 * Bull Board at /admin/queues, for operators: the BullMQ queue's waiting, active, delayed and
 * failed jobs, with retry and clean. HTTP Basic auth, any user name, FRONTLINE_ADMIN_TOKEN as
 * the password (compared in constant time), so a browser prompts for it. Without a token or
 * without BullMQ the path answers 404 saying what to set.
 */
export async function registerQueueDashboard(fastify: FastifyInstance, options: QueueDashboardOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { adminToken, queues } = options;
  if (adminToken === null || queues.length === 0) {
    const off = async (): Promise<never> => {
      throw new ApiError('not_found', NOT_CONFIGURED);
    };
    app.get(QUEUE_DASHBOARD_PATH, { schema: { hide: true }, onSend: neverFramed }, off);
    app.all(`${QUEUE_DASHBOARD_PATH}/*`, { schema: { hide: true }, onSend: neverFramed }, off);
    return;
  }

  const isAdminToken = adminTokenMatcher(adminToken);
  const authorize = async (request: FastifyRequest, reply: FastifyReply) => {
    const credentials = basicCredentials(request.headers.authorization);
    if (credentials === null) {
      return refuse(reply, 'unauthenticated', 'sign in with any user name and FRONTLINE_ADMIN_TOKEN as the password');
    }
    if (!isAdminToken(credentials.password)) {
      options.log.warn(
        { ip: request.ip, user: credentials.user.slice(0, 100), url: request.url.split('?')[0] },
        'queue dashboard sign-in refused',
      );
      return refuse(reply, 'unauthenticated', 'wrong password: use the value of FRONTLINE_ADMIN_TOKEN');
    }
    // A browser sends Basic credentials with any request to this origin, also one another site
    // makes it send: only reads may come from elsewhere.
    const site = request.headers['sec-fetch-site'];
    if (request.method !== 'GET' && request.method !== 'HEAD' && site !== undefined && site !== 'same-origin') {
      return refuse(reply, 'forbidden', 'changes to the queue come only from the dashboard itself');
    }
  };

  // Loaded only when the dashboard is on: Bull Board's UI server is most of a second to import.
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
  ]);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    // @bull-board/fastify 9.10.1 (its newest) declares its types against its own copy of
    // @bull-board/api 9.10.1; the two copies' classes differ only in private fields.
    serverAdapter: serverAdapter as unknown as BoardServerAdapter,
    options: { uiConfig: { boardTitle: 'Frontline queues' } },
  });
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', authorize);
      scope.addHook('onSend', neverFramed);
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
