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
  it('leads with the headline, grouped as customers and work, each with its meaning, target, team and trend', async () => {
    mountForTest('sidebar');
    const region = within(await kpis());
    const groups = (await region.findAllByRole('heading', { level: 3 })).map((h) => h.textContent);
    expect(groups).toEqual(['Customers', 'Work']);

    const csat = within(await kpiRow('CSAT'));
    expect(csat.getByText('88%')).toBeTruthy();
    expect(csat.getByText('Ratings that were good, out of all ratings.')).toBeTruthy();
    expect(csat.getByText('On target')).toBeTruthy();
    expect(csat.getByText('Team: 80%')).toBeTruthy();
    expect(csat.getByText('Better than yesterday')).toBeTruthy();

    const reply = within(await kpiRow('First reply time (median)'));
    expect(reply.getByText('1 h 35 min')).toBeTruthy();
    expect(reply.getByText('How long a customer typically waits for your first reply.')).toBeTruthy();
    expect(reply.getByText('Off target')).toBeTruthy();
    expect(reply.getByText('Team: 42 min')).toBeTruthy();
    // Slower replies are bad news even though the number went up.
    expect(reply.getByText('Worse than yesterday')).toBeTruthy();

    // +3 % is noise, said as such; never a percentage.
    const oneTouch = within(await kpiRow('One-touch resolution'));
    expect(oneTouch.getByText('About the same as yesterday')).toBeTruthy();
    expect(oneTouch.getByText('Close to target')).toBeTruthy();
    expect(region.queryByText(/[+−-]\d+\s?%/)).toBeNull();

    // The headline only, in the tenant's order: the rest waits behind "All numbers".
    const labels = region.getAllByRole('button', { name: /: show the tickets$/ }).map((b) => b.textContent);
    expect(labels).toEqual([
      'CSAT',
      'Repeat contacts',
      'First reply time (median)',
      'Resolution time (median)',
      'One-touch resolution',
      'Open backlog',
    ]);
  });

  it('says why a number is missing', async () => {
    mountForTest('sidebar');
    const repeat = within(await kpiRow('Repeat contacts'));
    expect(repeat.getByText('–')).toBeTruthy();
    expect(repeat.getByText('Counted once a solved ticket is 7 days old: none is yet.')).toBeTruthy();
    expect(repeat.queryByText(/than yesterday/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'All numbers' }));
    const nps = within(await kpiRow('NPS'));
    expect(nps.getByText('No survey tool is connected, so there are no answers to count.')).toBeTruthy();
    expect(
      within(await kpiRow('Customer effort (CES)')).getByText('Nothing to count in this period yet.'),
    ).toBeTruthy();
  });

  it('shows the rest on "All numbers", never the mean of first reply times', async () => {
    mountForTest('sidebar');
    await kpiRow('CSAT');
    expect(screen.queryByRole('button', { name: 'Solved tickets: show the tickets' })).toBeNull();
    const toggle = screen.getByRole('button', { name: 'All numbers' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Fewer numbers' }).getAttribute('aria-expanded')).toBe('true');
    expect(within(await kpiRow('Solved tickets')).getByText('12')).toBeTruthy();
    expect(within(await kpiRow('Replies per ticket')).getByText('1.5')).toBeTruthy();
    const reopened = within(await kpiRow('Reopened'));
    expect(reopened.getByText('10%')).toBeTruthy();
    expect(reopened.getByText('Better than yesterday')).toBeTruthy();
    expect(screen.queryByText(/mean/)).toBeNull();
    expect(screen.queryByText('47 h 0 min')).toBeNull();
  });

  it('switches period with the tabs, and the trend speaks of that period', async () => {
    mountForTest('sidebar');
    await kpiRow('CSAT');
    await userEvent.click(screen.getByRole('tab', { name: '7 days' }));
    expect(screen.getByRole('tab', { name: '7 days' }).getAttribute('aria-selected')).toBe('true');
    const csat = within(await kpiRow('CSAT'));
    expect(csat.getByText('90%')).toBeTruthy();
    expect(csat.getByText('About the same as last week')).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: '30 days' }));
    expect(within(await kpiRow('CSAT')).getByText('Close to target')).toBeTruthy();
  });

  it('opens on the shortest period with data: 7 days when today has none yet', async () => {
    mountForTest('sidebar', {
      setup: (c) => {
        const d = fixtures.dashboard();
        c.dashboard = { ...d, periods: { ...d.periods, today: { ...d.periods.today, kpis: fixtures.agentKpis() } } };
      },
    });
    await kpiRow('CSAT');
    expect(screen.getByRole('tab', { name: '7 days' }).getAttribute('aria-selected')).toBe('true');
    expect(within(await kpiRow('CSAT')).getByText('90%')).toBeTruthy();
  });

  it('stays on the period it opened with when today gets its first ticket live', async () => {
    const { connector } = mountForTest('sidebar', {
      setup: (c) => {
        const d = fixtures.dashboard();
        c.dashboard = { ...d, periods: { ...d.periods, today: { ...d.periods.today, kpis: fixtures.agentKpis() } } };
      },
    });
    await kpiRow('CSAT');
    await waitFor(() => expect(connector.openStreams).toHaveLength(1));
    act(() => connector.emit('dashboard', fixtures.dashboard()));
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Today' })).toBeTruthy());
    expect(screen.getByRole('tab', { name: '7 days' }).getAttribute('aria-selected')).toBe('true');
  });

  it("remembers the agent's period for the next time the sidebar opens", async () => {
    const first = mountForTest('sidebar');
    await kpiRow('CSAT');
    expect(screen.getByRole('tab', { name: 'Today' }).getAttribute('aria-selected')).toBe('true');
    await userEvent.click(screen.getByRole('tab', { name: '30 days' }));
    expect(first.host.stored.get('frontline.period.7')).toBe('last30Days');
    first.unmount();
    mountForTest('sidebar', { setup: (_c, h) => h.stored.set('frontline.period.7', 'last30Days') });
    await kpiRow('CSAT');
    expect(screen.getByRole('tab', { name: '30 days' }).getAttribute('aria-selected')).toBe('true');
  });

  it('draws the daily trend line when the dashboard has one, and nothing when it has not', async () => {
    const { connector } = mountForTest('sidebar', {
      setup: (c) => {
        c.dashboard = fixtures.dashboard({ trend: { csat: [0.8, null, 0.9, 0.85, 0.875] } });
      },
    });
    expect(await screen.findByRole('img', { name: 'CSAT, day by day over the last 30 days' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: /^Open backlog, day by day/ })).toBeNull();
    act(() => connector.emit('dashboard', fixtures.dashboard()));
    await waitFor(() => expect(screen.queryByRole('img', { name: /day by day/ })).toBeNull());
  });

  it('says what to do next: a negative rating to follow up, its ticket opening in the helpdesk', async () => {
    const { host } = mountForTest('sidebar', {
      setup: (c) =>
        (c.dashboard = fixtures.dashboard({
          next: { kind: 'follow_up_rating', kpi: null, ticketIds: ['870', '871', '872', '873'] },
        })),
    });
    expect(await screen.findByText('What to do next')).toBeTruthy();
    expect(screen.getByText('Follow up the negative rating: reply to the customer today.')).toBeTruthy();
    expect(screen.getByText('and 1 more')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Ticket #871' }));
    expect(host.opened).toEqual(['871']);
  });

  it('says which target is slipping, and opens the tickets behind it', async () => {
    mountForTest('sidebar', {
      setup: (c) =>
        (c.dashboard = fixtures.dashboard({
          next: { kind: 'target_slipping', kpi: 'first_reply_time_median', ticketIds: ['101'] },
        })),
    });
    expect(
      await screen.findByText('First reply time (median) is slipping off target: these tickets pull it down.'),
    ).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'See the tickets behind First reply time (median)' }));
    expect(
      await screen.findByRole('heading', { name: 'Tickets behind First reply time (median), Today' }),
    ).toBeTruthy();
  });

  it("lists a drill-down's tickets with subject, requester and the value that counted, sorted by value or time", async () => {
    const { host } = mountForTest('sidebar', {
      setup: (c) =>
        (c.drillRows = [
          {
            id: '910',
            subject: 'Login fails',
            requester: { id: 'r-1', name: 'Rita Reyes' },
            at: '2026-03-02T09:00:00.000Z',
            value: 125,
            matching: false,
          },
          {
            id: '1192',
            subject: 'Invoice copy',
            requester: { id: 'r-2', name: null },
            at: '2026-03-02T08:00:00.000Z',
            value: 12,
            matching: false,
          },
          { id: '1000', subject: null, requester: null, at: '2026-03-01T08:00:00.000Z', value: 40, matching: false },
        ]),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'First reply time (median): show the tickets' }));
    const table = within(await screen.findByRole('table'));
    const rows = () =>
      table
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent);
    const order = () =>
      table.getAllByRole('button', { name: /^Open ticket #/ }).map((b) => b.getAttribute('aria-label')!.slice(12));
    // Newest first by default.
    expect(rows()[0]).toContain('Login fails');
    expect(rows()[0]).toContain('#910 · Rita Reyes');
    expect(rows()[0]).toContain('2 h 5 min');
    expect(rows()[1]).toContain('Invoice copy');
    expect(rows()[1]).toContain('12 min');
    expect(rows()[2]).toContain('Ticket #1000');
    expect(rows()[2]).toContain('40 min');

    const valueHeader = table.getByRole('columnheader', { name: 'Value' });
    expect(table.getByRole('columnheader', { name: 'When' }).getAttribute('aria-sort')).toBe('descending');
    await userEvent.click(within(valueHeader).getByRole('button'));
    expect(valueHeader.getAttribute('aria-sort')).toBe('descending');
    expect(order()).toEqual(['#910', '#1000', '#1192']);
    await userEvent.click(within(valueHeader).getByRole('button'));
    expect(valueHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(order()).toEqual(['#1192', '#1000', '#910']);

    await userEvent.click(table.getByRole('button', { name: 'Open ticket #1192' }));
    expect(host.opened).toEqual(['1192']);
  });

  it('says good or bad for a rating in the drill-down, never "counts towards the rate"', async () => {
    mountForTest('sidebar');
    await userEvent.click(await screen.findByRole('button', { name: 'CSAT: show the tickets' }));
    const table = within(await screen.findByRole('table'));
    expect(table.getAllByText('Good')).toHaveLength(2);
    expect(table.getAllByText('Bad')).toHaveLength(1);
    expect(screen.queryByText('counts towards the rate')).toBeNull();
  });

  it('opens the tickets behind a KPI, and a ticket in the helpdesk', async () => {
    const { host, connector } = mountForTest('sidebar');
    await userEvent.click(await screen.findByRole('button', { name: 'CSAT: show the tickets' }));
    expect(await screen.findByRole('heading', { name: 'Tickets behind CSAT, Today' })).toBeTruthy();
    const drill = connector.requests.find((r) => r.path === '/v1/agents/me/kpis/csat/tickets');
    expect(drill?.query.get('period')).toBe('today');

    await userEvent.click(screen.getByRole('button', { name: 'Open ticket #102' }));
    expect(host.opened).toEqual(['102']);
    await userEvent.click(screen.getByRole('button', { name: /Back/ }));
    expect(await kpiRow('CSAT')).toBeTruthy();
    // Focus returns to where the agent was.
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('CSAT: show the tickets'));
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

describe('agent sidebar: the ticket in view', () => {
  const ticketRegion = () => screen.findByRole('region', { name: 'This ticket' });

  it('shows its rating, replies against the typical, first reply and reopens', async () => {
    mountForTest('sidebar');
    const region = within(await ticketRegion());
    expect(await region.findByText('Not rated yet')).toBeTruthy();
    expect(region.getByText('Replies so far: 2 (the team usually needs 3)')).toBeTruthy();
    expect(region.getByText('First reply after 1 h 15 min')).toBeTruthy();
    expect(region.getByText('Never reopened')).toBeTruthy();
    expect(region.queryByText('Far more replies than usual')).toBeNull();
  });

  it('flags an outlier in words, with a bad rating and its comment', async () => {
    mountForTest('sidebar', {
      setup: (c) =>
        c.summaries.set(
          '900',
          fixtures.ticketSummary({
            replies: 30,
            typicalReplies: 3,
            outlier: true,
            reopens: 2,
            rating: { positive: false, comment: 'Still broken', at: fixtures.NOW },
          }),
        ),
    });
    const region = within(await ticketRegion());
    expect(await region.findByText('Far more replies than usual')).toBeTruthy();
    expect(region.getByText(/30 replies where the team usually needs 3/)).toBeTruthy();
    expect(region.getByText('Rated bad: “Still broken”')).toBeTruthy();
    expect(region.getByText('Reopened 2 times')).toBeTruthy();
  });

  it('says calmly that a ticket is not synced yet', async () => {
    mountForTest('sidebar', { setup: (_c, h) => (h.ticket = { id: '999', requesterId: 'r-1' }) });
    expect(await within(await ticketRegion()).findByText(/not in Frontline yet/)).toBeTruthy();
  });
});

describe('agent sidebar: requester, alerts, notes', () => {
  const requesterRegion = () => screen.findByRole('region', { name: 'This requester' });

  it("shows the requester's contacts, open tickets and last rating, without warnings when all is well", async () => {
    mountForTest('sidebar');
    const region = within(await requesterRegion());
    expect(await region.findByText('Contacts in the last 30 days: 3')).toBeTruthy();
    expect(region.getByText('Requester: Rita Reyes')).toBeTruthy();
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
    expect(region.getByText(/^From Lee Lead, /)).toBeTruthy();
    expect(region.queryByText(/lead-1/)).toBeNull();
    await userEvent.click(region.getByRole('button', { name: 'Ticket #860' }));
    expect(host.opened).toEqual(['860']);

    await userEvent.click(region.getByRole('button', { name: 'Acknowledge the note from Lee Lead' }));
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
    expect(csat.getByText(/^Team: 80\s%$/)).toBeTruthy();
    expect(csat.getByText('Besser als gestern')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Kunden' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '7 Tage' })).toBeTruthy();
    expect(await screen.findByText('Kontakte in den letzten 30 Tagen: 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Notiz von Lee Lead bestätigen' })).toBeTruthy();
  });

  const germanRow = async () =>
    (await screen.findByRole('button', { name: 'Kundenzufriedenheit (CSAT): Tickets anzeigen' })).closest('li')!;
});
