import { readZendeskWebhook } from '@frontline/connector/vendors/zendesk';
import { describe, expect, it } from 'vitest';
import type { ZendeskCsat } from './account-state.js';
import { createSimulatedAccount } from './account.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import { rateTicket } from './rate-ticket.js';
import { AUTH, call, json } from './test-support.js';
import { TicketState } from './ticket-table.js';
import type { WebhookRequest } from './webhook-request.js';
import type { ZendeskRatingJson } from './zendesk-format.js';
import { createZendeskHandlers } from './zendesk-handlers.js';
import type { ZendeskSurveyResponseJson } from './zendesk-survey-format.js';
import { zendeskWebhookRequests } from './zendesk-webhooks.js';

const NOW = Date.UTC(2026, 2, 1);
const BASE = 'https://acme.zendesk.com';
const SWITCHED_AT = NOW - 15 * 86_400_000;
const history = generateHistory({ seed: 31, tickets: 600, days: 60, now: NOW });

function accountOf(csat: ZendeskCsat) {
  const clock = createManualClock(NOW + 120_000);
  const account = createSimulatedAccount({ vendor: 'zendesk', history, clock, csat });
  return { account, clock, handlers: createZendeskHandlers(account, { baseUrl: BASE }) };
}

type Handlers = ReturnType<typeof accountOf>['handlers'];

/** A cursor-paged list page: its items under their key, and the next page's URL. */
type CursorPage = Record<string, unknown> & { readonly links: { readonly next: string | null } };

/** Every item of a cursor-paged list, following `links.next`. */
async function listAll<T>(handlers: Handlers, key: string, firstUrl: string): Promise<T[]> {
  const items: T[] = [];
  for (let url: string | null = firstUrl; url !== null;) {
    const response = await call(handlers, url, AUTH.zendesk);
    expect(response.status).toBe(200);
    const page = await json<CursorPage>(response);
    items.push(...(page[key] as T[]));
    url = page.links.next;
  }
  return items;
}

const responsesOf = (handlers: Handlers, query = '') =>
  listAll<ZendeskSurveyResponseJson>(
    handlers,
    'survey_responses',
    `${BASE}/api/v2/guide/survey_responses?page[size]=37${query}`,
  );
const legacyOf = (handlers: Handlers) =>
  listAll<ZendeskRatingJson>(handlers, 'satisfaction_ratings', `${BASE}/api/v2/satisfaction_ratings?page[size]=100`);

const csatCategory = (response: ZendeskSurveyResponseJson) =>
  response.answers.find((a) => 'sub_type' in a.question && a.question.sub_type === 'customer_satisfaction')
    ?.rating_category ?? 'skipped';
const ticketOf = (response: ZendeskSurveyResponseJson) => Number(response.subjects[0]?.id);

async function legacyCsatSetting(handlers: Handlers): Promise<unknown> {
  const body = await json<{ settings: { active_features: { customer_satisfaction: unknown } } }>(
    await call(handlers, `${BASE}/api/v2/account/settings.json`, AUTH.zendesk),
  );
  return body.settings.active_features.customer_satisfaction;
}

describe('Zendesk CSAT kinds', () => {
  it('says which CSAT is on in the account settings', async () => {
    expect(await legacyCsatSetting(accountOf('legacy').handlers)).toBe(true);
    expect(await legacyCsatSetting(accountOf('current').handlers)).toBe(false);
    expect(await legacyCsatSetting(accountOf({ switchedAt: SWITCHED_AT }).handlers)).toBe(false);
  });

  it('lists the same answers as survey responses on the current CSAT as good/bad legacy records on legacy', async () => {
    const legacy = await legacyOf(accountOf('legacy').handlers);
    const current = accountOf('current').handlers;
    const responses = await responsesOf(current);
    const answered = legacy.filter((r) => r.score !== 'offered');
    expect(answered.length).toBeGreaterThan(20);
    expect(responses.map((r) => [ticketOf(r), csatCategory(r)]).sort()).toEqual(
      answered.map((r) => [r.ticket_id, r.score]).sort(),
    );
    // Unique ids, in the list's order (sort=id).
    const ids = responses.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // No legacy history on an account that never ran legacy CSAT.
    expect(await legacyOf(current)).toEqual([]);
  });

  it('splits a switched account at the switch: legacy records before, survey responses after', async () => {
    const { handlers } = accountOf({ switchedAt: SWITCHED_AT });
    const legacy = await legacyOf(handlers);
    const responses = await responsesOf(handlers);
    expect(legacy.length).toBeGreaterThan(0);
    expect(responses.length).toBeGreaterThan(0);
    expect(legacy.every((r) => Date.parse(r.created_at) < SWITCHED_AT)).toBe(true);
    const legacyAnswers = (await legacyOf(accountOf('legacy').handlers)).filter((r) => r.score !== 'offered');
    const both = [...legacy.filter((r) => r.score !== 'offered').map((r) => r.ticket_id), ...responses.map(ticketOf)];
    expect(both.sort((a, b) => a - b)).toEqual(legacyAnswers.map((r) => r.ticket_id).sort((a, b) => a - b));
  });

  it('filters survey responses by creation time (epoch ms) and by ticket ZRN', async () => {
    const { handlers } = accountOf('current');
    const all = await responsesOf(handlers);
    const created = (r: ZendeskSurveyResponseJson) => Date.parse(r.answers[0]!.created_at);
    const from = created(all[Math.floor(all.length / 2)]!);
    const later = await responsesOf(handlers, `&filter[created_at_start]=${from}`);
    expect(later.map((r) => r.id)).toEqual(all.filter((r) => created(r) >= from).map((r) => r.id));
    const one = all[3]!;
    const ofTicket = await responsesOf(handlers, `&filter[subject_zrns]=zen:ticket:${ticketOf(one)}`);
    expect(ofTicket.map((r) => r.id)).toEqual([one.id]);
  });

  it('records neutral and skipped answers as survey responses, and as bad and offered on legacy CSAT', async () => {
    const rateFour = async (csat: ZendeskCsat) => {
      const { account, handlers } = accountOf(csat);
      const ids = [1, 2, 3, 4].map(() => account.addTicket({ assigneeId: history.agents[0]!.id }));
      for (const id of ids) account.updateTicket(id, { kind: 'solve' });
      rateTicket(account, ids[0]!, 'good');
      rateTicket(account, ids[1]!, 'bad');
      rateTicket(account, ids[2]!, 'neutral');
      rateTicket(account, ids[3]!, 'skipped', 'no stars');
      return { ids, handlers };
    };
    const current = await rateFour('current');
    const responses = await responsesOf(current.handlers, `&filter[created_at_start]=${NOW}`);
    expect(responses.map((r) => [ticketOf(r), csatCategory(r)])).toEqual(
      current.ids.map((id, i) => [id, ['good', 'bad', 'neutral', 'skipped'][i]]),
    );
    expect(responses[3]?.answers.map((a) => [a.type, a.value])).toEqual([
      ['skipped', undefined],
      ['open_ended', 'no stars'],
    ]);
    const legacy = await rateFour('legacy');
    const records = (await legacyOf(legacy.handlers)).filter((r) => legacy.ids.includes(r.ticket_id));
    expect(records.map((r) => r.score)).toEqual(['good', 'bad', 'bad', 'offered']);
  });

  it('notifies a survey response as a ticket.csat_received event naming the ticket, and a legacy rating through the trigger', () => {
    const sent = (csat: ZendeskCsat) => {
      const { account, clock } = accountOf(csat);
      const id = account.addTicket({ assigneeId: history.agents[0]!.id });
      account.updateTicket(id, { kind: 'solve' });
      expect(account.state.table.status[account.state.indexOf(id)]).toBe(TicketState.solved);
      const requests: WebhookRequest[] = [];
      account.onChange((event) =>
        requests.push(...zendeskWebhookRequests(account.state, event, { secret: 's' }, clock.now())),
      );
      rateTicket(account, id, 'good');
      return { id, requests };
    };
    const current = sent('current');
    expect(current.requests.map((r) => r.kind)).toEqual(['zen:event-type:ticket.csat_received']);
    // The connector reads it as "refresh that ticket", as it does any ticket event.
    expect(readZendeskWebhook(JSON.parse(current.requests[0]!.body))).toEqual({ ticketId: String(current.id) });
    expect(sent('legacy').requests.map((r) => r.kind)).toEqual(['trigger:satisfaction-changed']);
  });
});
