/**
 * Ticket metrics listed on their own (`GET /api/v2/ticket_metrics`), for ticket pages exported
 * without `include=metric_sets`. The list leaves out archived tickets, so it may not cover
 * every ticket of an export.
 */
import { parsePayload } from '../parse-payload.js';
import { zendeskTicketMetricPageSchema, type ZendeskMetricSet, type ZendeskTicketMetric } from './schema.js';

/** The records of one `ticket_metrics` page; throws a `PayloadError` naming the field that does not fit. */
export function parseZendeskTicketMetricPage(page: unknown): ZendeskTicketMetric[] {
  return parsePayload(zendeskTicketMetricPageSchema, page).ticket_metrics;
}

/** Metric sets by ticket id, gathered from any number of `ticket_metrics` pages. */
export class ZendeskTicketMetrics {
  readonly #byTicket = new Map<string, ZendeskTicketMetric>();

  /** Adds records; of two records of one ticket the one updated last wins, whatever the page order. */
  add(records: readonly ZendeskTicketMetric[]): void {
    for (const record of records) {
      const earlier = this.#byTicket.get(record.ticket_id);
      if (earlier === undefined || (record.updated_at ?? -Infinity) >= (earlier.updated_at ?? -Infinity)) {
        this.#byTicket.set(record.ticket_id, record);
      }
    }
  }

  get(ticketId: string): ZendeskMetricSet | undefined {
    return this.#byTicket.get(ticketId);
  }
}
