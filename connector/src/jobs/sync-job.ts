/** The work the connector queues. */
export type SyncJob =
  /** One link of a tenant's sync chain: a few pages, then the next link is queued. */
  | { readonly kind: 'sync'; readonly tenant: string; readonly full?: boolean; readonly link?: number }
  /** Re-read one ticket now (a webhook said it changed). */
  | { readonly kind: 'refresh-ticket'; readonly tenant: string; readonly ticketId: string };

/**
 * The key that collapses duplicates: a refresh of a ticket already waiting is not queued twice;
 * each link of a sync chain has its own key so the chain can queue its next link while running.
 */
export function jobKey(job: SyncJob): string {
  return job.kind === 'sync' ? `sync:${job.tenant}:${job.link ?? 0}` : `refresh:${job.tenant}:${job.ticketId}`;
}
