import { anAgent, at } from '@frontline/kpi/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';

const NOW = at('2026-11-20T15:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => {} };

describe('errors: one table, a message that says what to do, never a 500', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await openApiHarness({ agents: [anAgent('a1'), anAgent('lead')] }, clock);
  });

  afterAll(async () => {
    await api.close();
  });

  const asLead = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: string,
    contentType = 'application/json',
  ) =>
    api.as('lead', 'lead', {
      method,
      url,
      ...(payload === undefined ? {} : { payload, headers: { 'content-type': contentType } }),
    });

  it.each([
    [
      'malformed JSON',
      () => asLead('POST', '/v1/notes', '{"agentId": "a1", "body": '),
      400,
      'malformed_json',
      /not valid JSON/,
    ],
    [
      'an unknown field',
      () => asLead('POST', '/v1/notes', JSON.stringify({ agentId: 'a1', body: 'hi', urgent: true })),
      400,
      'unknown_field',
      /"urgent"/,
    ],
    [
      'a missing field',
      () => asLead('POST', '/v1/notes', JSON.stringify({ agentId: 'a1' })),
      400,
      'bad_request',
      /body/,
    ],
    [
      'a body over 1 MB',
      () => asLead('POST', '/v1/notes', JSON.stringify({ agentId: 'a1', body: 'x'.repeat(1_100_000) })),
      413,
      'payload_too_large',
      /at most 1 MB/,
    ],
    [
      'a note over 10,000 characters',
      () => asLead('POST', '/v1/notes', JSON.stringify({ agentId: 'a1', body: 'x'.repeat(10_001) })),
      400,
      'bad_request',
      /body/,
    ],
    [
      'a note id that is not a uuid',
      () => asLead('PATCH', '/v1/notes/42', JSON.stringify({ body: 'x' })),
      400,
      'bad_request',
      /noteId/,
    ],
    [
      'an unknown note',
      () => asLead('PATCH', '/v1/notes/0b7f3c1e-2a45-4f7e-9c1d-5e6f7a8b9c0d', JSON.stringify({ body: 'x' })),
      404,
      'not_found',
      /GET \/v1\/notes/,
    ],
    ['an agent id with spaces', () => asLead('GET', '/v1/agents/a%20b/dashboard'), 400, 'bad_request', /agentId/],
    [
      'an agent id of 65 characters',
      () => asLead('GET', `/v1/agents/${'a'.repeat(65)}/dashboard`),
      400,
      'bad_request',
      /agentId/,
    ],
    ['an unknown KPI', () => asLead('GET', '/v1/agents/a1/kpis/happiness/tickets'), 400, 'bad_request', /kpi/],
    ['an unknown period', () => asLead('GET', '/v1/team?period=year'), 400, 'bad_request', /period/],
    ['an unknown query parameter', () => asLead('GET', '/v1/team?colour=red'), 400, 'unknown_field', /"colour"/],
    [
      'a target with thresholds the wrong way round',
      () => asLead('PUT', '/v1/targets/csat', JSON.stringify({ green: 0.5, amber: 0.9 })),
      400,
      'bad_request',
      /green >= amber/,
    ],
    [
      'a body that is not JSON at all',
      () => asLead('POST', '/v1/notes', 'agentId=a1', 'application/x-www-form-urlencoded'),
      415,
      'unsupported_media_type',
      /application\/json/,
    ],
    ['an unknown route', () => asLead('GET', '/v1/nothing-here'), 404, 'not_found', /openapi/],
  ] as const)('answers %s', async (_what, send, status, code, message) => {
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({ error: { code, message: expect.stringMatching(message) } });
  });

  it('refuses a control character in a note with 400 naming the field, and logs nothing of the note', async () => {
    const note = (body: string) => asLead('POST', '/v1/notes', JSON.stringify({ agentId: 'a1', body }));
    for (const body of ['private\u0000words', 'private\u0007words', 'private\u001bwords', 'private\u007fwords']) {
      const response = await note(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json(), JSON.stringify(body)).toEqual({
        error: {
          code: 'bad_request',
          message:
            '"body" contains a control character (U+0000 to U+001F or U+007F, such as a NUL byte): ' +
            'remove it; only tabs and line breaks are allowed',
        },
      });
    }
    const edit = await asLead(
      'PATCH',
      '/v1/notes/0b7f3c1e-2a45-4f7e-9c1d-5e6f7a8b9c0d',
      JSON.stringify({ body: 'private\u0000words' }),
    );
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.message).toMatch(/^"body" contains a control character/);
    const signIn = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/freshdesk',
      payload: { tenant: 'ac\u0000me', agentId: 'a1' },
    });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.json().error.message).toMatch(
      /^"tenant" contains a control character .*: remove it; it is one line of text$/,
    );
    expect(api.log.text).not.toContain('private');
    // Tabs and line breaks are text.
    const kept = await note('first line\r\n\tsecond line');
    expect(kept.statusCode).toBe(201);
    expect(kept.json().body).toBe('first line\r\n\tsecond line');
  });

  it('never answers 500 to any JSON body sent to the write routes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ['POST', '/v1/notes'] as const,
          ['PATCH', '/v1/notes/0b7f3c1e-2a45-4f7e-9c1d-5e6f7a8b9c0d'] as const,
          ['PUT', '/v1/targets/csat'] as const,
          ['POST', '/v1/auth/zendesk'] as const,
          ['POST', '/v1/auth/freshdesk'] as const,
          ['POST', '/v1/webhooks/zendesk/acme'] as const,
          ['POST', '/v1/webhooks/freshdesk/acme'] as const,
        ),
        fc.oneof(fc.json(), fc.string()),
        async ([method, url], payload) => {
          const response = await asLead(method, url, payload);
          expect(response.statusCode).toBeGreaterThanOrEqual(200);
          expect(response.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });
});
