import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { mountForTest, unmountAll } from './testing/render.js';

afterEach(unmountAll);

/** Agent names in table order (the first body row is the whole team). */
const agentOrder = () =>
  within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(2)
    .map((row) => within(row).getAllByRole('cell')[0]!.firstChild!.textContent!.trim());

describe('team view', () => {
  it('lists every agent with the team, and sorts by a column header', async () => {
    const { connector } = mountForTest('team');
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(agentOrder()).toEqual(['Agent 9', 'Ann Agent', 'Ben Berg']);
    expect(screen.getByText('Whole team')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Solved tickets' }));
    await waitFor(() => expect(agentOrder()).toEqual(['Ben Berg', 'Ann Agent', 'Agent 9']));
    const header = screen.getByRole('columnheader', { name: 'Solved tickets' });
    expect(header.getAttribute('aria-sort')).toBe('descending');
    const request = connector.requests.at(-1)!;
    expect([request.path, request.query.get('sort'), request.query.get('order')]).toEqual([
      '/v1/team',
      'solved',
      'desc',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Solved tickets' }));
    await waitFor(() => expect(agentOrder()).toEqual(['Agent 9', 'Ann Agent', 'Ben Berg']));
    expect(screen.getByRole('columnheader', { name: 'Solved tickets' }).getAttribute('aria-sort')).toBe('ascending');
  });

  it("opens an agent's tickets behind a value, and a ticket in the helpdesk", async () => {
    const { connector, host } = mountForTest('team');
    await userEvent.click(await screen.findByRole('button', { name: 'Ben Berg, CSAT: 75%. Show the tickets' }));
    expect(await screen.findByRole('heading', { name: 'Tickets behind CSAT, 7 days' })).toBeTruthy();
    expect(screen.getByText('Agent: Ben Berg')).toBeTruthy();
    expect(connector.requests.at(-1)!.path).toBe('/v1/agents/8/kpis/csat/tickets');
    await userEvent.click(screen.getByRole('button', { name: 'Open ticket #101' }));
    expect(host.opened).toEqual(['101']);
  });

  it('writes a coaching note for an agent', async () => {
    const { connector } = mountForTest('team');
    await userEvent.click(await screen.findByRole('button', { name: 'Write a note for Ben Berg' }));
    expect(screen.getByRole('heading', { name: 'Note for Ben Berg' })).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Note'), 'Thanks for covering the weekend queue.');
    await userEvent.type(screen.getByLabelText('Ticket id (optional)'), '4711');
    await userEvent.selectOptions(screen.getByLabelText('KPI (optional)'), 'CSAT');
    await userEvent.click(screen.getByRole('button', { name: 'Save note' }));

    expect(await screen.findByText('Note saved for Ben Berg: it appears in their sidebar.')).toBeTruthy();
    const post = connector.requests.find((r) => r.method === 'POST' && r.path === '/v1/notes');
    expect(post?.body).toEqual({
      agentId: '8',
      body: 'Thanks for covering the weekend queue.',
      ticketId: '4711',
      kpi: 'csat',
    });
  });

  it('sets a target, reading rates in percent', async () => {
    const { connector } = mountForTest('team');
    await screen.findByRole('table');
    const targets = within(screen.getByRole('region', { name: 'Targets' }));
    await userEvent.selectOptions(targets.getByLabelText('KPI'), 'CSAT');
    await userEvent.type(targets.getByLabelText('Green from'), '90');
    await userEvent.type(targets.getByLabelText('Amber from'), '80');
    await userEvent.click(targets.getByRole('button', { name: 'Set target' }));
    expect(await targets.findByText('Target for CSAT saved.')).toBeTruthy();
    const put = connector.requests.find((r) => r.method === 'PUT');
    expect([put?.path, put?.body]).toEqual(['/v1/targets/csat', { green: 0.9, amber: 0.8 }]);
  });

  it("shows the API's message when the user is not a lead", async () => {
    mountForTest('team', {
      setup: (c) =>
        c.fail('GET', '/v1/team', 403, 'forbidden', 'The team view is for leads: ask an admin to run tenant role.'),
    });
    const error = await screen.findByRole('alert');
    expect(within(error).getByText(/The team view is for leads/)).toBeTruthy();
  });
});
