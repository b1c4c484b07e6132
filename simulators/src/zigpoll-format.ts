/**
 * Zigpoll responses as `GET /responses` returns them, in the shapes connector/src/vendors/zigpoll
 * reads: the metric in `metadata.metric` or the slide's type/handle, the requester by
 * `metadata.requester_id`, `metadata.email` or `participant.email`.
 */
import type { AccountState } from './account-state.js';
import { hashSeed } from './prng.js';
import { SurveyKind, SurveyTie, type SurveyAnswerRecord } from './zigpoll-store.js';

export interface ZigpollResponseJson {
  _id: string;
  accountId: string;
  pollId: string;
  slideId: string;
  participantId: string;
  createdAt: string;
  response?: number | string;
  value?: number;
  slide: { type: string; handle: string };
  metadata?: { metric?: string; requester_id?: string; email?: string };
  participant?: { email: string };
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);

/** A Mongo-like id: creation seconds then the position, so ids sort like the list. */
export function zigpollId(answer: SurveyAnswerRecord): string {
  return `${hex(answer.createdAt, 8)}${hex(answer.position, 16)}`;
}

/** The position encoded in an id made by {@link zigpollId}, or -1. */
export function zigpollPosition(id: string): number {
  if (!/^[0-9a-f]{24}$/.test(id)) return -1;
  return parseInt(id.slice(8), 16);
}

const POLL_ID = '65a0f0aae4b0a1b2c3d4e400';
const SLIDES = { nps: '65a0f0aae4b0a1b2c3d4e410', ces: '65a0f0aae4b0a1b2c3d4e420', text: '65a0f0aae4b0a1b2c3d4e430' };

export function zigpollResponse(
  state: AccountState,
  answer: SurveyAnswerRecord,
  accountId: string,
): ZigpollResponseJson {
  const requesters = state.history.requesters;
  const requester = state.table.requester[answer.ticket] ?? 0;
  const email = requesters.email(requester);
  const base = {
    _id: zigpollId(answer),
    accountId,
    pollId: POLL_ID,
    participantId: `${hex(hashSeed(requester, 11), 8)}${hex(requester, 16)}`,
    createdAt: new Date(answer.createdAt * 1000).toISOString(),
  };
  if (answer.kind === SurveyKind.text) {
    return {
      ...base,
      slideId: SLIDES.text,
      response: 'Faster replies please',
      slide: { type: 'long-text', handle: 'anything-else' },
      participant: { email },
    };
  }
  const nps = answer.kind === SurveyKind.nps;
  const slideId = nps ? SLIDES.nps : SLIDES.ces;
  if (answer.tie === SurveyTie.metadataRequesterId) {
    return {
      ...base,
      slideId,
      response: answer.score,
      slide: { type: 'range', handle: nps ? 'how-likely-to-recommend' : 'how-easy-was-it' },
      metadata: { metric: nps ? 'nps' : 'ces', requester_id: String(requesters.id(requester)) },
    };
  }
  if (answer.tie === SurveyTie.metadataEmail) {
    return {
      ...base,
      slideId,
      response: String(answer.score),
      slide: { type: 'range', handle: nps ? 'nps-after-ticket' : 'customer-effort' },
      metadata: { email },
    };
  }
  return {
    ...base,
    slideId,
    value: answer.score,
    slide: { type: nps ? 'nps' : 'ces', handle: nps ? 'recommend' : 'how-easy-was-it' },
    participant: { email },
  };
}
