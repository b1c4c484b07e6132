import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulatedAccount } from './account.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import { rateTicket } from './rate-ticket.js';
import { createWebhookSender } from './webhook-sender.js';

const NOW = Date.UTC(2026, 2, 1);
const SECRET = 'zd-signing-secret';
const RATINGS_SECRET = 'zd-ratings-signing-secret';
const history = generateHistory({ seed: 5, tickets: 300, days: 30, now: NOW });
const agentId = history.agents[0]!.id;

/** A webhook as the receiver got it: raw body bytes and headers. */
interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
}

let receiver: Server;
let url = '';
let received: Received[] = [];
let answerStatus = 200;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, raw: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(answerStatus).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
beforeEach(() => {
  received = [];
  answerStatus = 200;
});

function accountOf<V extends 'zendesk' | 'freshdesk'>(vendor: V) {
  const clock = createManualClock(NOW + 90_500);
  return { clock, account: createSimulatedAccount({ vendor, history, clock }) };
}

const header = (got: Received, name: string): string => String(got.headers[name.toLowerCase()] ?? '');
const bodyOf = (got: Received): Record<string, unknown> => JSON.parse(got.raw) as Record<string, unknown>;

/** The signature computed here, apart from the simulator: base64(HMAC-SHA256(secret, timestamp + raw body)). */
const expectedSignature = (secret: string, got: Received): string =>
  createHmac('sha256', secret)
    .update(header(got, 'X-Zendesk-Webhook-Signature-Timestamp') + got.raw, 'utf8')
    .digest('base64');

describe('Zendesk webhooks', () => {
  it('delivers signed event webhooks for a new ticket and its status changes, in the event schema', async () => {
    const { account } = accountOf('zendesk');
    const sender = createWebhookSender({ account, url, secret: SECRET, ratingsSecret: RATINGS_SECRET });
    const stop = sender.start();
    const id = account.addTicket({ assigneeId: agentId });
    account.updateTicket(id, { kind: 'solve' });
    account.updateTicket(id, { kind: 'note' }); // no event type covers a private note's audit here
    stop();
    await sender.settled();

    expect(received.map((r) => bodyOf(r).type)).toEqual([
      'zen:event-type:ticket.created',
      'zen:event-type:ticket.status_changed',
    ]);
    for (const got of received) {
      expect(header(got, 'User-Agent')).toBe('Zendesk Webhook');
      expect(header(got, 'Content-Type')).toMatch(/^application\/json/);
      expect(header(got, 'X-Zendesk-Webhook-Id')).toBeTruthy();
      expect(header(got, 'X-Zendesk-Webhook-Signature-Timestamp')).toBe('2026-03-01T00:01:30Z');
      expect(header(got, 'X-Zendesk-Webhook-Signature')).toBe(expectedSignature(SECRET, got));
      expect(header(got, 'X-Zendesk-Webhook-Signature')).not.toBe(expectedSignature(RATINGS_SECRET, got));
    }
    const status = bodyOf(received[1]!);
    expect(status).toMatchObject({
      account_id: expect.any(Number),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      zendesk_event_version: expect.any(String),
      subject: `zen:ticket:${id}`,
      detail: { id: String(id), status: 'SOLVED', assignee_id: String(agentId), requester_id: expect.any(String) },
      event: { previous: 'OPEN', current: 'SOLVED', meta: { sequence: { id: expect.any(String), position: 1 } } },
    });
    expect(sender.deliveries.map((d) => d.status)).toEqual([200, 200]);
  });

  it('delivers a rating through the ratings trigger webhook, signed with that webhook’s secret', async () => {
    const { account } = accountOf('zendesk');
    const id = account.addTicket({ assigneeId: agentId });
    account.updateTicket(id, { kind: 'solve' });
    const sender = createWebhookSender({ account, url, secret: SECRET, ratingsSecret: RATINGS_SECRET });
    sender.start();
    const ratingId = rateTicket(account, id, 'bad', 'Too "slow"');
    await sender.settled();

    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(JSON.parse(got.raw)).toEqual({
      ticket_id: String(id),
      satisfaction_rating: "Bad, I'm unsatisfied",
      satisfaction_comment: 'Too "slow"',
    });
    expect(header(got, 'X-Zendesk-Webhook-Signature')).toBe(expectedSignature(RATINGS_SECRET, got));
    expect(header(got, 'X-Zendesk-Webhook-Id')).not.toBe('');
    // The rating the webhook announces is the record the API serves.
    expect(account.truth().satisfactionRatings.find((r) => r.id === ratingId)).toMatchObject({
      ticket_id: id,
      score: 'bad',
      comment: 'Too "slow"',
    });
  });

  it('sends a deletion as ticket.soft_deleted and a reassignment as agent_assignment_changed', () => {
    const { account } = accountOf('zendesk');
    const sender = createWebhookSender({ account, url, secret: SECRET });
    const kinds: string[] = [];
    account.onChange((event) => kinds.push(...sender.requestsFor(event).map((r) => r.kind)));
    const id = account.addTicket({ assigneeId: null });
    account.updateTicket(id, { kind: 'assign', agentId });
    account.updateTicket(id, { kind: 'delete' });
    expect(kinds).toEqual([
      'zen:event-type:ticket.created',
      'zen:event-type:ticket.agent_assignment_changed',
      'zen:event-type:ticket.status_changed',
      'zen:event-type:ticket.soft_deleted',
    ]);
  });
});

describe('Freshdesk webhooks', () => {
  it('delivers each automation rule’s webhook with the secret header and no signature', async () => {
    const { account } = accountOf('freshdesk');
    const sender = createWebhookSender({ account, url, secret: 'fd-webhook-secret' });
    sender.start();
    const id = account.addTicket({ assigneeId: agentId });
    account.updateTicket(id, { kind: 'reply' });
    account.updateTicket(id, { kind: 'solve' });
    rateTicket(account, id, 'bad', 'Nobody called back');
    account.updateTicket(id, { kind: 'spam' });
    await sender.settled();

    expect(received.map((r) => bodyOf(r))).toEqual([
      { freshdesk_webhook: { ticket_id: id, ticket_status: 'Open', triggered_event: '{ticket_action:created}' } },
      {
        freshdesk_webhook: {
          ticket_id: id,
          ticket_status: 'Pending',
          triggered_event: '{status:{from:Open,to:Pending}}',
        },
      },
      {
        freshdesk_webhook: {
          ticket_id: id,
          ticket_status: 'Resolved',
          triggered_event: '{status:{from:Pending,to:Resolved}}',
        },
      },
      {
        freshdesk_webhook: {
          ticket_id: id,
          ticket_status: 'Resolved',
          triggered_event: '{customer_feedback:received}',
        },
      },
      {
        freshdesk_webhook: {
          ticket_id: id,
          ticket_status: 'Resolved',
          triggered_event: '{ticket_action:marked_as_spam}',
        },
      },
    ]);
    for (const got of received) {
      expect(header(got, 'X-Frontline-Webhook-Secret')).toBe('fd-webhook-secret');
      expect(header(got, 'Content-Type')).toBe('application/json');
      expect(Object.keys(got.headers).some((name) => name.includes('signature'))).toBe(false);
    }
  });
});

describe('delivery', () => {
  it('delivers on live traffic while started, and nothing after it is stopped', async () => {
    const { account, clock } = accountOf('zendesk');
    const sender = createWebhookSender({ account, url, secret: SECRET });
    const stop = sender.start();
    account.startLiveTraffic({ ticketsPerMinute: 20, updatesPerMinute: 60 });
    await clock.advance(5 * 60_000);
    stop();
    await sender.settled();
    const sent = received.length;
    expect(sent).toBeGreaterThan(10);
    const verified = received.filter(
      (got) => header(got, 'X-Zendesk-Webhook-Signature') === expectedSignature(SECRET, got),
    );
    expect(verified).toHaveLength(sent);
    await clock.advance(5 * 60_000);
    await account.stop();
    await sender.settled();
    expect(received).toHaveLength(sent);
  });

  it('records a receiver’s error answer and a failed request without throwing', async () => {
    const { account } = accountOf('freshdesk');
    answerStatus = 503;
    const sender = createWebhookSender({ account, url, secret: 's' });
    const stopFirst = sender.start();
    account.addTicket();
    stopFirst();
    await sender.settled();
    expect(sender.deliveries.map((d) => [d.status, d.error])).toEqual([[503, null]]);

    const failing = createWebhookSender({
      account,
      url,
      secret: 's',
      fetch: () => Promise.reject(new Error('connection refused')),
    });
    const stop = failing.start();
    const id = account.addTicket();
    stop();
    await failing.settled();
    expect(failing.deliveries).toEqual([
      expect.objectContaining({ ticketId: id, status: null, error: 'Error: connection refused' }),
    ]);
  });
});
