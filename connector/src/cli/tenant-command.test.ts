import { describe, expect, it } from 'vitest';
import { tenantFromOptions } from './tenant-command.js';

describe('tenantFromOptions', () => {
  it('takes a Zendesk tenant with an API token', () => {
    expect(
      tenantFromOptions('acme', {
        vendor: 'zendesk',
        url: 'https://acme.zendesk.com/',
        email: 'a@acme.com',
        token: 't0k',
      }),
    ).toEqual({
      name: 'acme',
      vendor: 'zendesk',
      baseUrl: 'https://acme.zendesk.com',
      credentials: { kind: 'zendesk-token', email: 'a@acme.com', token: 't0k' },
      zigpoll: null,
    });
  });

  it('takes a Zendesk OAuth token, a Freshdesk API key and Zigpoll credentials', () => {
    expect(
      tenantFromOptions('z', { vendor: 'zendesk', url: 'https://z.zendesk.com', oauthToken: 'o' }).credentials,
    ).toEqual({
      kind: 'zendesk-oauth',
      accessToken: 'o',
    });
    const fresh = tenantFromOptions('f', {
      vendor: 'freshdesk',
      url: 'http://127.0.0.1:4010',
      apiKey: 'key',
      zigpollKey: 'zk',
      zigpollAccount: 'acc',
    });
    expect(fresh.credentials).toEqual({ kind: 'freshdesk-key', apiKey: 'key' });
    expect(fresh.baseUrl).toBe('http://127.0.0.1:4010');
    expect(fresh.zigpoll).toEqual({ apiKey: 'zk', accountId: 'acc' });
  });

  it('says what is missing or wrong, and what to write instead', () => {
    expect(() =>
      tenantFromOptions('Acme Corp', { vendor: 'zendesk', url: 'https://a.zendesk.com', oauthToken: 'o' }),
    ).toThrow(/lowercase letters, digits and dashes/);
    expect(() => tenantFromOptions('acme', { vendor: 'zendesk', url: 'acme', oauthToken: 'o' })).toThrow(
      /--url "acme" is not a URL/,
    );
    expect(() => tenantFromOptions('acme', { vendor: 'zendesk', url: 'https://a.zendesk.com' })).toThrow(
      /--email and --token/,
    );
    expect(() => tenantFromOptions('acme', { vendor: 'zendesk', url: 'https://a.zendesk.com', token: 't' })).toThrow(
      /missing --email/,
    );
    expect(() => tenantFromOptions('acme', { vendor: 'freshdesk', url: 'https://a.freshdesk.com' })).toThrow(
      /missing --api-key/,
    );
    expect(() =>
      tenantFromOptions('acme', { vendor: 'freshdesk', url: 'https://a.freshdesk.com', apiKey: 'k', zigpollKey: 'z' }),
    ).toThrow(/missing --zigpoll-account/);
  });
});
