import { describe, expect, it } from 'vitest';
import { normalizeZigpollResponsePage } from '@frontline/connector/vendors/zigpoll';
import { createSimulatedAccount } from './account.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import { AUTH, call, json } from './test-support.js';
import type { ZigpollResponseJson } from './zigpoll-format.js';
import { createZigpollHandlers, DEFAULT_ZIGPOLL_BASE_URL } from './zigpoll-handlers.js';

const NOW = Date.UTC(2026, 2, 1);
const url = (query: string): string => `${DEFAULT_ZIGPOLL_BASE_URL}/responses?accountId=acme-zigpoll&${query}`;

interface Page {
  data: ZigpollResponseJson[];
  hasNextPage: boolean;
  endCursor: string | null;
}

describe('Zigpoll responses', () => {
  const history = generateHistory({ seed: 17, tickets: 800, days: 60, now: NOW });

  it('pages every published answer once with cursors, in the shape the connector reads', async () => {
    const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: createManualClock(NOW) });
    const handlers = createZigpollHandlers(account);
    const all: ZigpollResponseJson[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: Page = await json(
        await call(handlers, url(`limit=25${cursor ? `&startCursor=${cursor}` : ''}`), AUTH.zigpoll),
      );
      all.push(...page.data);
      const answers = normalizeZigpollResponsePage(page);
      expect(answers.every((a) => (a.metric === 'nps' ? a.score <= 10 : a.score >= 1 && a.score <= 7))).toBe(true);
      cursor = page.endCursor;
      if (!page.hasNextPage) break;
    }
    expect(all).toEqual(account.truth().surveys);
    expect(all.length).toBeGreaterThan(50);
    const emails = new Set(Array.from({ length: history.requesters.count }, (_, i) => history.requesters.email(i)));
    for (const response of all) {
      const email = response.metadata?.email ?? response.participant?.email;
      if (email) expect(emails.has(email)).toBe(true);
    }
  });

  it('publishes the answer to a live solve once the clock reaches it', async () => {
    const clock = createManualClock(NOW);
    const account = createSimulatedAccount({ vendor: 'freshdesk', history, clock });
    const handlers = createZigpollHandlers(account);
    let endCursor: string | null = null;
    for (let more = true; more;) {
      const page: Page = await json(
        await call(handlers, url(`limit=100${endCursor ? `&startCursor=${endCursor}` : ''}`), AUTH.zigpoll),
      );
      endCursor = page.endCursor;
      more = page.hasNextPage;
    }
    // About one solve in five gets an answer some hours later.
    for (let k = 0; k < 50; k++) {
      const id = account.addTicket({ assigneeId: history.agents[0]!.id });
      account.updateTicket(id, { kind: 'reply' });
      account.updateTicket(id, { kind: 'solve' });
    }
    await clock.advance(30 * 86_400_000);
    const after: Page = await json(await call(handlers, url(`limit=100&startCursor=${endCursor}`), AUTH.zigpoll));
    expect(after.data.length).toBeGreaterThan(0);
    expect(after.data.every((r) => Date.parse(r.createdAt) > NOW)).toBe(true);
  });

  it('refuses a wrong key and an unknown account', async () => {
    const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: createManualClock(NOW) });
    const handlers = createZigpollHandlers(account);
    expect((await call(handlers, url('limit=1'), 'wrong')).status).toBe(401);
    expect((await call(handlers, `${DEFAULT_ZIGPOLL_BASE_URL}/responses?accountId=other`, AUTH.zigpoll)).status).toBe(
      404,
    );
  });
});
