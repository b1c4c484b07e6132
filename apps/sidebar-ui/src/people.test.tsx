import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import * as fixtures from './testing/fixtures.js';
import { mountForTest, unmountAll, type MountOptions } from './testing/render.js';

afterEach(unmountAll);

const asAdmin: NonNullable<MountOptions['setup']> = (_c, host) => {
  host.sessions = [fixtures.session({ user: { id: '7', name: 'Ann Admin', role: 'admin' } })];
};

const peopleRegion = async () => within(await screen.findByRole('region', { name: 'People' }));

describe('people and roles, for admins', () => {
  it('lists everyone with their role and where it comes from', async () => {
    mountForTest('team', { setup: asAdmin });
    const people = await peopleRegion();
    const rows = (await people.findAllByRole('row')).slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual([
      'Ann AdminAdmin in Zendesk',
      'Ben BergDefault role',
      'Lee LeadChosen in Frontline',
    ]);
    expect(
      people.getByText(
        'Choose who leads: leads see the team and coach, admins also change the settings and roles. ' +
          'A Zendesk admin is a Frontline admin until you choose another role here.',
      ),
    ).toBeTruthy();
    expect((people.getByLabelText('Role of Lee Lead') as HTMLSelectElement).value).toBe('lead');
    // Nothing to save until a role is changed.
    expect((people.getByRole('button', { name: 'Save the role of Ben Berg' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('makes an agent a lead with the keyboard, and says it is saved', async () => {
    const { connector } = mountForTest('team', { setup: asAdmin });
    const people = await peopleRegion();
    const select = await people.findByLabelText('Role of Ben Berg');
    select.focus();
    await userEvent.selectOptions(select, 'Lead');
    await userEvent.tab();
    expect(document.activeElement).toBe(people.getByRole('button', { name: 'Save the role of Ben Berg' }));
    await userEvent.keyboard('{Enter}');
    expect(await people.findByText('Ben Berg is now Lead.')).toBeTruthy();
    const put = connector.requests.find((r) => r.method === 'PUT');
    expect([put?.path, put?.body]).toEqual(['/v1/people/8/role', { role: 'lead' }]);
    expect(within(people.getAllByRole('row')[2]!).getByText('Chosen in Frontline')).toBeTruthy();
    // Zendesk signs who the user is: no key to hand over.
    expect(people.queryByText(/Personal key/)).toBeNull();
  });

  it('on Freshdesk, shows the personal key once with a copy button and what the lead does with it', async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    mountForTest('team', {
      setup: (c, host) => {
        asAdmin(c, host);
        Object.assign(host, { vendor: 'freshdesk' });
        c.personalKey = 'k3y-For-Ben-0123456789abcdefghij';
      },
    });
    const people = await peopleRegion();
    await userEvent.selectOptions(await people.findByLabelText('Role of Ben Berg'), 'Lead');
    await userEvent.click(people.getByRole('button', { name: 'Save the role of Ben Berg' }));
    const status = await people.findByRole('status');
    expect(within(status).getByText('k3y-For-Ben-0123456789abcdefghij')).toBeTruthy();
    expect(
      within(status).getByText(
        'Give it to Ben Berg: they enter it once in their Frontline page in Freshdesk to use their new role. ' +
          'It is shown only now; choosing the role again makes a new key.',
      ),
    ).toBeTruthy();
    await userEvent.click(within(status).getByRole('button', { name: 'Copy the key' }));
    expect(copied).toEqual(['k3y-For-Ben-0123456789abcdefghij']);
    expect(within(status).getByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it("shows the API's refusal in its words and keeps the role as it was", async () => {
    mountForTest('team', {
      setup: (c, host) => {
        asAdmin(c, host);
        c.fail(
          'PUT',
          '/v1/people/7/role',
          409,
          'conflict',
          'you cannot make yourself agent: another admin has to, so the account is never left without an admin',
        );
      },
    });
    const people = await peopleRegion();
    await userEvent.selectOptions(await people.findByLabelText('Role of Ann Admin'), 'Agent');
    await userEvent.click(people.getByRole('button', { name: 'Save the role of Ann Admin' }));
    const alert = await people.findByRole('alert');
    expect(within(alert).getByText('The role of Ann Admin was not saved')).toBeTruthy();
    expect(within(alert).getByText(/you cannot make yourself agent/)).toBeTruthy();
    await waitFor(() => expect(within(people.getAllByRole('row')[1]!).getByText('Admin in Zendesk')).toBeTruthy());
  });

  it('is not shown to anyone but an admin', async () => {
    const { connector } = mountForTest('team');
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'People' })).toBeNull();
    expect(connector.requests.some((r) => r.path === '/v1/people')).toBe(false);
  });
});

describe('the personal key, on Freshdesk', () => {
  const onFreshdesk: NonNullable<MountOptions['setup']> = (_c, h) => {
    Object.assign(h, { vendor: 'freshdesk', proveIdentity: async () => undefined });
  };

  it('lets a lead signed in without their key enter the one their admin gave them, for the next sign-in', async () => {
    const { host } = mountForTest('team', {
      setup: (c, h) => {
        onFreshdesk(c, h);
        c.fail(
          'GET',
          '/v1/team',
          403,
          'forbidden',
          'the team view needs the lead or admin role; you are signed in as agent',
        );
      },
    });
    const form = within(await screen.findByRole('region', { name: 'Or: the key your admin gave you' }));
    // Beside the proof with their own API key.
    expect(screen.getByRole('region', { name: 'Lead or admin?' })).toBeTruthy();
    await userEvent.type(form.getByLabelText('Personal key'), ' k3y-For-Ben-0123456789abcdefghij ');
    await userEvent.keyboard('{Enter}');
    expect(await form.findByText('Key saved. Reload the page to sign in with your role.')).toBeTruthy();
    expect(host.stored.get('frontline.userKey')).toBe('k3y-For-Ben-0123456789abcdefghij');
  });

  it('is not asked of a lead signed in with it', async () => {
    const lead = fixtures.session({ user: { id: '9', name: 'Lee Lead', role: 'lead' } });
    mountForTest('team', {
      setup: (c, h) => {
        onFreshdesk(c, h);
        h.sessions = [lead];
      },
    });
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Or: the key your admin gave you' })).toBeNull();
  });
});
