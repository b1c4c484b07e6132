/** Deterministic bits of text for generated records (comments, bodies), picked by a hash. */
import { hashSeed } from './prng.js';

/** What customers write with a good rating. */
export const GOOD_COMMENTS = [
  'Quick and clear, thanks',
  'Solved my problem',
  'Very friendly',
  'Thanks, that worked',
  'Great help, fixed in minutes',
  'Patient and knew exactly what to do',
] as const;
/** What customers write with a bad rating: never thanks. */
export const BAD_COMMENTS = [
  'Had to write twice',
  'Took too long',
  'The answer did not help',
  'Still not working',
  'I had to explain everything again',
  'Closed before my problem was fixed',
  'Three days for a reply is too slow',
] as const;
const REPLIES = [
  'Thanks for reaching out, we are looking into it.',
  'Could you send us a screenshot?',
  'This is fixed now.',
];
const CUSTOMER = ['Any news?', 'It still does not work.', 'Here is the screenshot.', 'Thanks, that worked.'];
const NOTES = ['Checked the logs, looks like a sync issue.', 'Escalated to tier 2.', 'Waiting on engineering.'];

function choose(list: readonly string[], ...key: number[]): string {
  return list[hashSeed(...key) % list.length] ?? '';
}

/** A rating comment that fits the rating: praise for a good one, a complaint for a bad one. */
export function ratingComment(good: boolean, ticketId: number): string {
  return choose(good ? GOOD_COMMENTS : BAD_COMMENTS, ticketId, 1);
}

/** The body of a message of a kind. */
export function messageBody(kind: 'reply' | 'note' | 'customer', ticketId: number, position: number): string {
  const list = kind === 'reply' ? REPLIES : kind === 'note' ? NOTES : CUSTOMER;
  return choose(list, ticketId, position);
}

/** Freshdesk's 7-point answer for a good (103, 102, 101) or bad (100 .. -103) rating. */
export function freshdeskScore(good: boolean, ticketId: number): number {
  const goodValues = [103, 103, 102, 101];
  const badValues = [100, -101, -102, -103];
  const list = good ? goodValues : badValues;
  return list[hashSeed(ticketId, 3) % list.length] ?? (good ? 103 : -103);
}
