import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from './connector-client.js';
import * as fixtures from './testing/fixtures.js';
import { mountForTest, unmountAll } from './testing/render.js';

afterEach(unmountAll);

const notConnected = () =>
  new ConnectorError(409, 'not_connected', 'Frontline is not connected to this Zendesk account yet');

describe('an account that installed the app but is not connected', () => {
  it('tells an agent whom to ask, with no Connect button', async () => {
    mountForTest('sidebar', { setup: (_c, host) => (host.signInError = notConnected()) });
    expect(
      await screen.findByText('Frontline is not connected to this Zendesk account yet, so it has no numbers to show.'),
    ).toBeTruthy();
    expect(
      screen.getByText('Ask an admin of your Zendesk account to open Frontline here and connect it.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Connect' })).toBeNull();
  });

  it("lets its admin connect: the helpdesk's consent page opens, and the numbers follow once access is allowed", async () => {
    const { host } = mountForTest('sidebar', {
      setup: (_c, h) => {
        h.signInError = notConnected();
        h.helpdeskAdmin = true;
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Connect' }));
    expect(host.windows).toEqual(['https://acme.zendesk.test/oauth/authorizations/new?client_id=frontline']);
    expect(await screen.findByText(/Allow access in the Zendesk window that opened/)).toBeTruthy();

    // The admin allowed access at Zendesk: the connector now knows the account.
    host.signInError = null;
    host.sessions = [fixtures.session({ user: { id: '7', name: 'Ann Admin', role: 'admin' } })];
    expect(await screen.findByRole('heading', { name: 'My KPIs' }, { timeout: 5_000 })).toBeTruthy();
    // An admin watches the first sync.
    expect(await screen.findByText('Last 60 days: 20% synced')).toBeTruthy();
    expect(screen.getByText('Still coming in: CSAT 20%, One-touch resolution 30%, Solved tickets 45%')).toBeTruthy();
  });
});

describe('the first sync, as an admin sees it', () => {
  it('shows the older history once the last 60 days are in, and goes away when all is synced', async () => {
    const { connector } = mountForTest('sidebar', {
      setup: (c, host) => {
        host.sessions = [fixtures.session({ user: { id: '7', name: 'Ann Admin', role: 'admin' } })];
        c.connection = fixtures.connectionStatus({
          recent: { share: 1, byKpi: { csat: 1, solved: 1 } },
          history: { done: false, reachedTime: '2026-03-01T00:00:00.000Z' },
        });
      },
    });
    expect(await screen.findByText('The last 60 days are in. Older history: synced up to Mar 1, 2026.')).toBeTruthy();
    connector.connection = fixtures.connectionStatus({
      recent: { share: 1, byKpi: { csat: 1 } },
      history: { done: true, reachedTime: '2026-03-01T00:00:00.000Z' },
    });
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Setting up Frontline' })).toBeNull(), {
      timeout: 5_000,
    });
  });

  it('is not shown to an agent', async () => {
    mountForTest('sidebar');
    expect(await screen.findByRole('heading', { name: 'My KPIs' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Setting up Frontline' })).toBeNull();
  });
});

describe('disconnecting', () => {
  it('asks the admin to type the account name, then says what was deleted', async () => {
    const { connector } = mountForTest('team', {
      setup: (_c, host) => {
        host.sessions = [fixtures.session({ user: { id: '7', name: 'Ann Admin', role: 'admin' } })];
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Disconnect…' }));
    const confirm = screen.getByRole('button', { name: 'Disconnect and delete' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByLabelText('Type acme to disconnect'), 'acme');
    expect((confirm as HTMLButtonElement).disabled).toBe(false);
    await userEvent.click(confirm);
    expect(await screen.findByText('Disconnected')).toBeTruthy();
    const post = connector.requests.find((r) => r.path === '/v1/connect/disconnect');
    expect(post?.body).toEqual({ confirm: 'acme' });
  });

  it('is not offered to a lead', async () => {
    mountForTest('team', {
      setup: (_c, host) => {
        host.sessions = [fixtures.session({ user: { id: '9', name: 'Lee Lead', role: 'lead' } })];
      },
    });
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Disconnect…' })).toBeNull();
  });
});
