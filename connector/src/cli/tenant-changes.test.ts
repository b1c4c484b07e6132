import { describe, expect, it } from 'vitest';
import type { Tenant } from '../store/sync-store.js';
import { changesFromOptions } from './tenant-changes.js';
import { unsavedTenant } from './tenant-check.js';

const zendesk: Tenant = unsavedTenant({
  name: 'acme',
  vendor: 'zendesk',
  baseUrl: 'https://acme.zendesk.com',
  credentials: { kind: 'zendesk-token', email: 'ana@acme.example', token: 'old-token' },
  zigpoll: { apiKey: 'zk', accountId: 'acc' },
});
const freshdesk: Tenant = unsavedTenant({
  name: 'beta',
  vendor: 'freshdesk',
  baseUrl: 'https://beta.freshdesk.com',
  credentials: { kind: 'freshdesk-key', apiKey: 'old-key' },
  zigpoll: null,
});

describe('changesFromOptions', () => {
  it('changes only what is given, keeping the other half of an API token', () => {
    expect(changesFromOptions(zendesk, { token: 'new-token' })).toEqual({
      credentials: { kind: 'zendesk-token', email: 'ana@acme.example', token: 'new-token' },
    });
    expect(changesFromOptions(zendesk, { email: 'bo@acme.example' })).toEqual({
      credentials: { kind: 'zendesk-token', email: 'bo@acme.example', token: 'old-token' },
    });
    expect(changesFromOptions(zendesk, { url: 'https://acme.zendesk.com/agent/', plan: 'team' })).toEqual({
      baseUrl: 'https://acme.zendesk.com',
      plan: 'team',
    });
    expect(changesFromOptions(zendesk, { zigpollKey: 'zk2' })).toEqual({
      zigpoll: { apiKey: 'zk2', accountId: 'acc' },
    });
    expect(changesFromOptions(freshdesk, { apiKey: 'new-key' })).toEqual({
      credentials: { kind: 'freshdesk-key', apiKey: 'new-key' },
    });
  });

  it('switches a Zendesk tenant between an OAuth token and an API token', () => {
    expect(changesFromOptions(zendesk, { oauthToken: 'oauth' })).toEqual({
      credentials: { kind: 'zendesk-oauth', accessToken: 'oauth' },
    });
    const oauth: Tenant = { ...zendesk, credentials: { kind: 'zendesk-oauth', accessToken: 'oauth' } };
    expect(() => changesFromOptions(oauth, { token: 't' })).toThrow(
      'missing --email (the agent the API token belongs to)',
    );
    expect(changesFromOptions(oauth, { token: 't', email: 'ana@acme.example' }).credentials).toEqual({
      kind: 'zendesk-token',
      email: 'ana@acme.example',
      token: 't',
    });
  });

  it("refuses the other vendor's options, both kinds of Zendesk credentials, and a plan of neither", () => {
    expect(() => changesFromOptions(freshdesk, { token: 't' })).toThrow(
      '--email, --token and --oauth-token are for Zendesk; beta is a Freshdesk tenant: give --api-key',
    );
    expect(() => changesFromOptions(zendesk, { oauthToken: 'o', token: 't' })).toThrow(
      'give --oauth-token, or --email and --token, not both',
    );
    expect(() => changesFromOptions(freshdesk, { plan: 'team' })).toThrow(
      '--plan "team" is not a freshdesk plan; use one of growth, pro, enterprise',
    );
    expect(() => changesFromOptions(freshdesk, { zigpollKey: 'zk' })).toThrow('missing --zigpoll-account');
    expect(() => changesFromOptions(freshdesk, {})).toThrow(/^nothing to change/);
  });
});
