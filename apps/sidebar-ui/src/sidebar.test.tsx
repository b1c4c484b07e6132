import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import * as fixtures from './testing/fixtures.js';
import { mountForTest, unmountAll } from './testing/render.js';

afterEach(unmountAll);

const kpis = () => screen.findByRole('region', { name: 'My KPIs' });
/** The list item of one KPI, found by its label's button. */
const kpiRow = async (label: string) =>
  (await screen.findByRole('button', { name: `${label}: show the tickets` })).closest('li')!;

describe('agent sidebar: KPIs', () => {
  it("shows today's values formatted by unit, with trend, target status in words and team median", async () => {
    mountForTest('sidebar');
    const csat = within(await kpiRow('CSAT'));
    expect(csat.getByText('88%')).toBeTruthy();
    expect(csat.getByText('On target')).toBeTruthy();
    expect(csat.getByText('▲ +12%')).toBeTruthy();
    expect(csat.getByText('Up 12% on the previous period, better')).toBeTruthy();
    expect(csat.getByText('Team median: 80%')).toBeTruthy();

    const reply = within(await kpiRow('First reply time (median)'));
    expect(reply.getByText('1 h 35 min')).toBeTruthy();
    expect(reply.getByText('Off target')).toBeTruthy();
    // Slower replies are bad news even though the number went up.
    expect(reply.getByText('Up 25% on the previous period, worse')).toBeTruthy();
    expect(reply.getByText('Team median: 42 min')).toBeTruthy();

    const reopened = within(await kpiRow('Reopened'));
    expect(reopened.getByText('10%')).toBeTruthy();
    expect(reopened.getByText('Close to target')).toBeTruthy();
    expect(reopened.getByText('Down 50% on the previous period, better')).toBeTruthy();

    expect(within(await kpiRow('Solved tickets')).getByText('12')).toBeTruthy();
    expect(within(await kpiRow('Replies per ticket')).getByText('1.5')).toBeTruthy();
    expect(within(await kpiRow('NPS')).getByText('40')).toBeTruthy();
    // No sample: a dash, never 0, and said in words.
    expect(within(await kpiRow('Customer effort (CES)')).getByText('no data')).toBeTruthy();
  });

  it('switches period with the tabs', async () => {
    mountForTest('sidebar');
    await kpiRow('CSAT');
    await userEvent.click(screen.getByRole('tab', { name: '7 days' }));
    expect(screen.getByRole('tab', { name: '7 days' }).getAttribute('aria-selected')).toBe('true');
    expect(within(await kpiRow('CSAT')).getByText('90%')).toBeTruthy();
    expect(within(await kpiRow('Solved tickets')).getByText('61')).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: '30 days' }));
    expect(within(await kpiRow('CSAT')).getByText('Close to target')).toBeTruthy();
    expect(within(await kpiRow('Solved tickets')).getByText('240')).toBeTruthy();
  });

  it('draws the daily trend line when the dashboard has one, and nothing when it has not', async () => {
    const { connector } = mountForTest('sidebar', {
      setup: (c) => {
        c.dashboard = fixtures.dashboard({ trend: { csat: [0.8, null, 0.9, 0.85, 0.875] } });
      },
    });
    expect(await screen.findByRole('img', { name: 'CSAT, day by day over the last 30 days' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: /^Solved tickets, day by day/ })).toBeNull();
    act(() => connector.emit('dashboard', fixtures.dashboard()));
    await waitFor(() => expect(screen.queryByRole('img', { name: /day by day/ })).toBeNull());
  });

  it('opens the tickets behind a KPI, and a ticket in the helpdesk', async () => {
    const { host, connector } = mountForTest('sidebar');
    await userEvent.click(await screen.findByRole('button', { name: 'CSAT: show the tickets' }));
    expect(await screen.findByRole('heading', { name: 'Tickets behind CSAT, Today' })).toBeTruthy();
    const drill = connector.requests.find((r) => r.path === '/v1/agents/me/kpis/csat/tickets');
    expect(drill?.query.get('period')).toBe('today');
    expect(screen.getAllByText('counts towards the rate')).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Open ticket #102' }));
    expect(host.opened).toEqual(['102']);
    await userEvent.click(screen.getByRole('button', { name: /Back/ }));
    expect(await kpiRow('CSAT')).toBeTruthy();
  });

  it('says what to do when there are no tickets in the window yet', async () => {
    mountForTest('sidebar', { setup: (c) => (c.dashboard = fixtures.emptyDashboard()) });
    expect(await within(await kpis()).findByText(/No tickets in this window yet/)).toBeTruthy();
    expect(within(await kpis()).getByText(/pick a longer period/)).toBeTruthy();
  });

  it("shows the API's error message and what to do, and recovers on Try again", async () => {
    const message = 'The connector is starting: try again in a minute.';
    mountForTest('sidebar', {
      setup: (c) => c.fail('GET', '/v1/agents/me/dashboard', 503, 'unavailable', message),
    });
    const region = within(await kpis());
    const error = await region.findByRole('alert');
    expect(within(error).getByText(message)).toBeTruthy();
    expect(within(error).getByText(/ask your admin to check the connector URL/)).toBeTruthy();
    await userEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    expect(within(await kpiRow('CSAT')).getByText('88%')).toBeTruthy();
  });

  it('applies a dashboard event without reloading', async () => {
    const { connector } = mountForTest('sidebar');
    await kpiRow('CSAT');
    await waitFor(() => expect(connector.openStreams).toHaveLength(1));
    const requestsBefore = connector.requests.length;
    const today = fixtures.dashboard().periods.today;
    const updated = fixtures.dashboard({
      revision: 42,
      periods: {
        ...fixtures.dashboard().periods,
        today: { ...today, kpis: { ...today.kpis, csat: fixtures.score(0.5, { status: 'red' }) } },
      },
    });
    act(() => connector.emit('dashboard', updated));
    const csat = within(await kpiRow('CSAT'));
    expect(await csat.findByText('50%')).toBeTruthy();
    expect(csat.getByText('Off target')).toBeTruthy();
    expect(connector.requests.length).toBe(requestsBefore);
  });

  it('says the numbers may be old while the stream is down, and clears when it is back', async () => {
    const { connector } = mountForTest('sidebar');
    await waitFor(() => expect(connector.openStreams).toHaveLength(1));
    act(() => connector.dropStreams());
    expect(await screen.findByText('Live updates paused')).toBeTruthy();
    expect(screen.getByText(/may be out of date. Reconnecting/)).toBeTruthy();
    // The client reopens with a fresh sign-in after its backoff (1 s).
    await waitFor(() => expect(screen.queryByText('Live updates paused')).toBeNull(), { timeout: 3000 });
    expect(connector.openStreams).toHaveLength(1);
  });

  it('fits the helpdesk frame to the content', async () => {
    const { host } = mountForTest('sidebar');
    await kpiRow('CSAT');
    await waitFor(() => expect(host.heights.length).toBeGreaterThan(0));
  });
});

describe('agent sidebar: requester, alerts, notes', () => {
  const requesterRegion = () => screen.findByRole('region', { name: 'This requester' });

  it("shows the requester's contacts, open tickets and last rating, without warnings when all is well", async () => {
    mountForTest('sidebar');
    const region = within(await requesterRegion());
    expect(await region.findByText('Contacts in the last 30 days: 3')).toBeTruthy();
    expect(region.getByText('Open tickets: 1')).toBeTruthy();
    expect(region.getByText('Last rating: positive')).toBeTruthy();
    expect(region.queryByRole('alert')).toBeNull();
  });

  it('warns about a repeat contact, and refetches when the helpdesk opens another ticket', async () => {
    const { host, connector } = mountForTest('sidebar', {
      setup: (c) =>
        c.requesters.set(
          'r-2',
          fixtures.requester({
            requesterId: 'r-2',
            repeatContact: {
              solvedTicketId: '880',
              solvedAt: '2026-02-27T12:00:00.000Z',
              message: 'ticket 880 of this requester was solved 3 days ago',
            },
          }),
        ),
    });
    const region = within(await requesterRegion());
    await region.findByText('Contacts in the last 30 days: 3');
    act(() => host.changeTicket({ id: '901', requesterId: 'r-2' }));
    const warning = await region.findByRole('alert');
    expect(within(warning).getByText('Repeat contact')).toBeTruthy();
    expect(within(warning).getByText(/ticket #880 was solved on .* and they are back/)).toBeTruthy();
    const last = connector.requests.at(-1)!;
    expect(last.path).toBe('/v1/requesters/r-2/context');
    expect(last.query.get('ticketId')).toBe('901');
  });

  it('warns when the last rating was negative', async () => {
    mountForTest('sidebar', {
      setup: (c) =>
        c.requesters.set(
          'r-1',
          fixtures.requester({
            lastRating: { ticketId: '880', positive: false, comment: 'Still broken', at: fixtures.NOW },
          }),
        ),
    });
    const warning = await within(await requesterRegion()).findByRole('alert');
    expect(within(warning).getByText('Unhappy customer')).toBeTruthy();
    expect(within(warning).getByText(/last rating \(ticket #880\) was negative/)).toBeTruthy();
    expect(within(warning).getByText('“Still broken”')).toBeTruthy();
  });

  it('says to open a ticket on a page without one', async () => {
    mountForTest('sidebar', { setup: (_c, h) => (h.ticket = null) });
    expect(await within(await requesterRegion()).findByText(/Open a ticket to see who is asking/)).toBeTruthy();
  });

  it('shows the three newest alerts, and all of them on request', async () => {
    mountForTest('sidebar', {
      setup: (connector) => {
        connector.alerts = [1, 2, 3, 4, 5].map((n) => fixtures.alert({ id: `r-${n}:x`, ticketId: String(100 + n) }));
      },
    });
    const region = within(await screen.findByRole('region', { name: 'Alerts' }));
    expect(await region.findByText('Positive rating on ticket #103')).toBeTruthy();
    expect(region.queryByText('Positive rating on ticket #104')).toBeNull();
    await userEvent.click(region.getByRole('button', { name: 'Show all 5 alerts' }));
    expect(region.getByText('Positive rating on ticket #105')).toBeTruthy();
  });

  it('shows an escalation that arrives over the stream, and opens its ticket', async () => {
    const { host, connector } = mountForTest('sidebar');
    const region = within(await screen.findByRole('region', { name: 'Alerts' }));
    expect(await region.findByText('Positive rating on ticket #870')).toBeTruthy();
    await waitFor(() => expect(connector.openStreams).toHaveLength(1));
    act(() =>
      connector.emit(
        'alert',
        fixtures.alert({ id: 'rating-9:x', kind: 'escalation', ticketId: '555', comment: 'Nobody answered' }),
      ),
    );
    expect(await region.findByText('Negative rating on ticket #555')).toBeTruthy();
    expect(region.getByText(/Act on it/)).toBeTruthy();
    expect(region.getByText('“Nobody answered”')).toBeTruthy();
    await userEvent.click(region.getByRole('button', { name: 'Open ticket #555' }));
    expect(host.opened).toEqual(['555']);
  });

  it('acknowledges a coaching note, with its history collapsed', async () => {
    const { connector, host } = mountForTest('sidebar');
    const region = within(await screen.findByRole('region', { name: 'Coaching notes' }));
    expect(await region.findByText(/Try a first reply within the hour/)).toBeTruthy();
    expect(region.getByText('About: First reply time (median)')).toBeTruthy();
    expect(region.getByText('Earlier versions (1)')).toBeTruthy();
    await userEvent.click(region.getByRole('button', { name: 'Ticket #860' }));
    expect(host.opened).toEqual(['860']);

    await userEvent.click(region.getByRole('button', { name: 'Acknowledge the note from lead-1' }));
    expect(await region.findByText(/^Acknowledged /)).toBeTruthy();
    expect(region.queryByRole('button', { name: /Acknowledge/ })).toBeNull();
    expect(connector.requests.some((r) => r.method === 'POST' && r.path.endsWith('/acknowledge'))).toBe(true);
  });

  it('adds a note that arrives over the stream', async () => {
    const { connector } = mountForTest('sidebar');
    const region = within(await screen.findByRole('region', { name: 'Coaching notes' }));
    await region.findByText(/Try a first reply/);
    await waitFor(() => expect(connector.openStreams).toHaveLength(1));
    act(() => connector.emit('note', fixtures.note({ id: 'n-2', body: 'Lovely tone with the Müller account.' })));
    expect(await region.findByText('Lovely tone with the Müller account.')).toBeTruthy();
  });
});

describe('agent sidebar in German', () => {
  it('renders texts and numbers in German', async () => {
    mountForTest('sidebar', { context: { locale: 'de-DE' } });
    expect(await screen.findByRole('region', { name: 'Meine KPIs' })).toBeTruthy();
    const csat = within(await germanRow());
    expect(csat.getByText(/^88\s%$/)).toBeTruthy();
    expect(csat.getByText('Im Ziel')).toBeTruthy();
    expect(csat.getByText(/^Team-Median: 80\s%$/)).toBeTruthy();
    expect(screen.getByRole('tab', { name: '7 Tage' })).toBeTruthy();
    expect(await screen.findByText('Kontakte in den letzten 30 Tagen: 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Notiz von lead-1 bestätigen' })).toBeTruthy();
  });

  const germanRow = async () =>
    (await screen.findByRole('button', { name: 'Kundenzufriedenheit (CSAT): Tickets anzeigen' })).closest('li')!;
});
