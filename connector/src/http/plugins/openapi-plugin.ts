import swagger from '@fastify/swagger';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';

/**
 * `/openapi.json`, generated from the schema of every route. Registered before the routes, whose
 * schemas @fastify/swagger collects as they are added.
 */
const openapiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Frontline connector API', version: '1' },
      servers: [],
      components: { securitySchemes: { session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  app.get('/openapi.json', { schema: { summary: 'This API, as OpenAPI 3' } }, async () => app.swagger());
};

// Not encapsulated: swagger must hear of the routes of every scope, and decorate the root.
export const openapiPlugin = fp(openapiRoutes, { name: 'frontline-openapi', fastify: '5.x' });
