// The Zendesk vendor's public surface; its field names stay inside this folder.
export { normalizeZendeskRatingPage, normalizeZendeskTicketPage, type ZendeskTicketPageContent } from './normalize.js';
