// The Zigpoll vendor's public surface; its field names stay inside this folder.
export { normalizeZigpollResponsePage } from './normalize.js';
