import type { SimulatedAccount } from './account.js';

/**
 * The requester of ticket `ticketId` answers its satisfaction survey now: `bad` or `good`, with an
 * optional comment (rating again changes the same record). Returns the rating record's id, as
 * both vendors' APIs show it. With a webhook sender started, the account then delivers the webhook.
 */
export function rateTicket(
  account: SimulatedAccount,
  ticketId: number,
  score: 'good' | 'bad',
  comment: string | null = null,
): number {
  account.updateTicket(ticketId, { kind: 'rate', score, comment });
  const { ratings } = account.state;
  return ratings.idAt(ratings.positionOf(account.state.indexOf(ticketId)));
}
