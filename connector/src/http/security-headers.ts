import type { FastifyInstance } from 'fastify';

/**
 * Headers every answer carries: `nosniff`, so a browser never runs a response as another type
 * than the one it says; and on JSON, which is never a page, `frame-ancestors 'none'`. Routes that
 * serve pages (the app pages, the queue dashboard) set a policy of their own, which stays.
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  // On the raw response, so that answers written past Fastify (the event stream) carry it too.
  app.addHook('onRequest', async (_request, reply) => {
    reply.raw.setHeader('x-content-type-options', 'nosniff');
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('application/json') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', "frame-ancestors 'none'");
    }
    return payload;
  });
}
