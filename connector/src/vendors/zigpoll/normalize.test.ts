import { describe, expect, it } from 'vitest';
import { payloadErrorOf } from '../expect-payload-error.js';
import { normalizeZigpollResponsePage } from './normalize.js';

function aResponse(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: '65a0f1c2e4b0a1b2c3d4e501',
    accountId: 'acct',
    pollId: 'poll',
    slideId: 'slide',
    participantId: 'participant',
    createdAt: '2026-01-10T09:00:00.000Z',
    response: 9,
    metadata: { metric: 'nps', requester_id: '5001' },
    ...fields,
  };
}

const page = (...data: Record<string, unknown>[]) => ({ data, hasNextPage: false, endCursor: null });

describe('normalizeZigpollResponsePage', () => {
  it('maps a response declared NPS in its metadata', () => {
    expect(normalizeZigpollResponsePage(page(aResponse()))).toEqual([
      {
        id: '65a0f1c2e4b0a1b2c3d4e501',
        metric: 'nps',
        score: 9,
        at: Date.parse('2026-01-10T09:00:00.000Z'),
        requesterId: '5001',
        requesterEmail: null,
      },
    ]);
  });

  it('recognises the metric from the slide type or handle when the metadata does not say', () => {
    const answers = normalizeZigpollResponsePage(
      page(
        aResponse({ _id: 'a', metadata: null, slide: { type: 'nps', handle: 'q1' } }),
        aResponse({ _id: 'b', metadata: null, slide: { type: 'range', handle: 'ces-after-ticket' }, response: 5 }),
        aResponse({ _id: 'c', metadata: null, slide: { type: 'multiple-choices', handle: 'services' } }),
      ),
    );
    expect(answers.map((a) => [a.id, a.metric])).toEqual([
      ['a', 'nps'],
      ['b', 'ces'],
    ]);
  });

  it('skips a response that is neither NPS nor CES', () => {
    const other = aResponse({ metadata: { metric: 'csat' }, response: 'great' });
    const untyped = aResponse({ metadata: null, slide: { type: 'long-text' }, response: 'Faster please' });
    expect(normalizeZigpollResponsePage(page(other, untyped))).toEqual([]);
  });

  it('reads the score from value or a numeric string', () => {
    const answers = normalizeZigpollResponsePage(
      page(aResponse({ response: undefined, value: 7 }), aResponse({ response: '10' })),
    );
    expect(answers.map((a) => a.score)).toEqual([7, 10]);
  });

  it('finds the requester by id, else by the metadata or participant e-mail', () => {
    const answers = normalizeZigpollResponsePage(
      page(
        aResponse({ metadata: { metric: 'nps', email: 'dana@example.com' } }),
        aResponse({ metadata: { metric: 'nps' }, participant: { email: 'gus@example.com' } }),
      ),
    );
    expect(answers.map((a) => [a.requesterId, a.requesterEmail])).toEqual([
      [null, 'dana@example.com'],
      [null, 'gus@example.com'],
    ]);
  });

  it('rejects a score outside the scale of its metric', () => {
    const ces = aResponse({ metadata: { metric: 'ces' }, response: 9 });
    expect(payloadErrorOf(() => normalizeZigpollResponsePage(page(aResponse(), ces))).message).toBe(
      'data[1].response: expected a whole CES score from 1 to 7, got 9',
    );
    expect(payloadErrorOf(() => normalizeZigpollResponsePage(page(aResponse({ response: 'ten' })))).message).toBe(
      'data[0].response: expected a whole NPS score from 0 to 10, got "ten"',
    );
  });

  it('names a malformed time and a page without data', () => {
    expect(payloadErrorOf(() => normalizeZigpollResponsePage(page(aResponse({ createdAt: 'now' })))).path).toBe(
      'data[0].createdAt',
    );
    expect(payloadErrorOf(() => normalizeZigpollResponsePage({ responses: [] })).message).toBe(
      'data: missing (expected an array)',
    );
  });
});
