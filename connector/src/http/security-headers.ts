import type { FastifyInstance } from 'fastify';

/**
 * Headers every answer carries: `nosniff`, so a browser never runs a response as another type
 * than the one it says; and on JSON, which is never a page, `frame-ancestors 'none'`. Routes that
 * serve pages (the app pages, the queue dashboard) set a policy of their own, which stays.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('application/json') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', "frame-ancestors 'none'");
    }
    return payload;
  });
}
