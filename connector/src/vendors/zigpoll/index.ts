// The Zigpoll vendor's public surface; its field names stay inside this folder.
export { createZigpollClient, type ZigpollClient, type ZigpollClientOptions } from './client.js';
export { normalizeZigpollResponsePage } from './normalize.js';
