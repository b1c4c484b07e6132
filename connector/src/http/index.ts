// The public surface of the connector's HTTP API: the server and the headers integrations send.
export { createServer, type ServerParts } from './create-server.js';
export { FRESHDESK_APP_SECRET_HEADER } from './routes/auth-routes.js';
export { FRESHDESK_WEBHOOK_SECRET_HEADER } from './routes/webhook-routes.js';
export { createRedisAttemptCounter } from './throttle/redis-attempt-counter.js';
