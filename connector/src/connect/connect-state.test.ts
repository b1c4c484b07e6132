import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConnectError } from './connect-error.js';
import { codeChallenge, CONNECT_STATE_TTL_MS, ConnectStates } from './connect-state.js';
import { tenantNameFor } from './tenant-name.js';

const WHO = {
  issuer: 'acme.zendesk.com',
  userId: '7',
  audience: 'https://acme.zendesk.com/api/v2/apps/installations/1.json',
};

describe('the sealed OAuth state', () => {
  it('carries who clicked Connect and a verifier matching its challenge, unreadable to the browser', () => {
    const states = new ConnectStates(randomBytes(32));
    const { state, challenge } = states.create(WHO, 1_000);
    expect(Buffer.from(state, 'base64url').toString('utf8')).not.toContain('acme');
    const opened = states.open(state, 2_000);
    expect(opened).toMatchObject(WHO);
    // RFC 7636 appendix B: base64url(SHA-256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    expect(codeChallenge(opened.verifier)).toBe(challenge);
  });

  it('refuses a state another connector sealed, an altered one, and one past its 10 minutes', () => {
    const states = new ConnectStates(randomBytes(32));
    const { state } = states.create(WHO, 0);
    const refused = (fn: () => unknown): unknown => {
      try {
        fn();
      } catch (error) {
        return error instanceof ConnectError ? [error.kind, error.message] : error;
      }
      return 'accepted';
    };
    expect(refused(() => new ConnectStates(randomBytes(32)).open(state, 1))).toEqual([
      'refused',
      'this sign-in link was not started by this Frontline connector: click Connect in the Frontline app again',
    ]);
    expect((refused(() => states.open(`${state.slice(0, -4)}AAAA`, 1)) as unknown[])[0]).toBe('refused');
    expect(refused(() => states.open(state, CONNECT_STATE_TTL_MS))).toEqual([
      'refused',
      'more than 10 minutes passed since Connect was clicked: click Connect again',
    ]);
  });
});

describe('the name a connected account gets', () => {
  it('is its subdomain, its host in dashes elsewhere, numbered when taken', () => {
    expect(tenantNameFor('Acme.zendesk.com', new Set())).toBe('acme');
    expect(tenantNameFor('beta.freshdesk.com', new Set(['beta', 'beta-2']))).toBe('beta-3');
    expect(tenantNameFor('support.example.org', new Set())).toBe('support-example-org');
    expect(tenantNameFor('127.0.0.1:4100', new Set())).toBe('127-0-0-1-4100');
  });
});
