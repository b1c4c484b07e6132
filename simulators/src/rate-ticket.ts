import type { SimulatedAccount } from './account.js';
import type { RateScore } from './ticket-changes.js';
import { surveyResponseId } from './zendesk-survey-format.js';

/**
 * The requester of ticket `ticketId` answers its satisfaction survey now, with an optional
 * comment (rating again changes the same record); see `TicketChange` for the scores. Returns the
 * id of the record that holds the answer, as the vendor's API shows it: a legacy rating record's
 * number, or a Zendesk survey response's id on the current CSAT. With a webhook sender started,
 * the account then delivers the webhook.
 */
export function rateTicket(
  account: SimulatedAccount,
  ticketId: number,
  score: Exclude<RateScore, 'offered'>,
  comment: string | null = null,
): number | string {
  account.updateTicket(ticketId, { kind: 'rate', score, comment });
  const { ratings, responses } = account.state;
  const index = account.state.indexOf(ticketId);
  const response = responses.positionOf(index);
  if (response >= 0) return surveyResponseId(responses.createdAt(response), response);
  return ratings.idAt(ratings.positionOf(index));
}
