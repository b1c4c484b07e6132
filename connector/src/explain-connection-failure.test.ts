import { describe, expect, it } from 'vitest';
import { explainConnectionFailure, explainListenFailure, type ServiceTarget } from './explain-connection-failure.js';

const pg: ServiceTarget = {
  service: 'PostgreSQL',
  variable: 'DATABASE_URL',
  url: 'postgres://frontline:s3cret-pass@db.internal:6543/kpis?sslmode=require',
};
const redis: ServiceTarget = { service: 'Redis', variable: 'REDIS_URL', url: 'redis://:s3cret-pass@cache.internal' };
const failure = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('explainConnectionFailure', () => {
  it.each([
    [
      failure('ECONNREFUSED'),
      'PostgreSQL at db.internal:6543 (DATABASE_URL) refuses connections: start PostgreSQL there, or set DATABASE_URL to a running server',
    ],
    [
      failure('ENOTFOUND'),
      'DATABASE_URL names the host "db.internal", which does not exist: correct the host name in DATABASE_URL',
    ],
    [
      failure('EAI_AGAIN'),
      'the host "db.internal" in DATABASE_URL could not be looked up (DNS did not answer): check the network, then try again',
    ],
    [
      failure('ETIMEDOUT'),
      'PostgreSQL at db.internal:6543 (DATABASE_URL) does not answer: check the host, the port and any firewall between',
    ],
    [
      new Error('Connection terminated due to connection timeout'),
      'PostgreSQL at db.internal:6543 (DATABASE_URL) does not answer: check the host, the port and any firewall between',
    ],
    [
      failure('28P01', 'password authentication failed for user "frontline"'),
      'PostgreSQL refused the password of user "frontline" (DATABASE_URL): correct the password in DATABASE_URL',
    ],
    [
      failure('3D000', 'database "kpis" does not exist'),
      'PostgreSQL at db.internal:6543 has no database "kpis" (DATABASE_URL): create it (createdb kpis) or name an existing one',
    ],
    [
      failure('42501', 'permission denied for schema public'),
      'user "frontline" may not create Frontline\'s tables in database "kpis" (permission denied for schema public): grant it CREATE on the database, or connect as its owner',
    ],
    [
      failure('53300', 'sorry, too many clients already'),
      'PostgreSQL at db.internal:6543 has no connection slots left: stop idle clients or raise max_connections, then try again',
    ],
    [
      failure('57P03', 'the database system is starting up'),
      'PostgreSQL at db.internal:6543 is starting up or shutting down: try again in a moment',
    ],
  ])('PostgreSQL: %s', (error, line) => {
    expect(explainConnectionFailure(error, pg)).toBe(line);
  });

  it('reads the first failure of an AggregateError (a host with several addresses)', () => {
    const error = new AggregateError([failure('ECONNREFUSED'), failure('ECONNREFUSED')], '');
    expect(explainConnectionFailure(error, pg)).toMatch(/^PostgreSQL at db\.internal:6543 \(DATABASE_URL\) refuses/);
  });

  it("Redis: the default port, and the server's password answers", () => {
    expect(explainConnectionFailure(failure('ECONNREFUSED'), redis)).toBe(
      'Redis at cache.internal:6379 (REDIS_URL) refuses connections: start Redis there, or set REDIS_URL to a running server',
    );
    expect(explainConnectionFailure(new Error('WRONGPASS invalid username-password pair'), redis)).toBe(
      'Redis at cache.internal:6379 refused the user name or password in REDIS_URL: correct them (redis://USER:PASSWORD@host:port)',
    );
    expect(explainConnectionFailure(new Error('NOAUTH Authentication required.'), redis)).toBe(
      'Redis at cache.internal:6379 requires a password: add it to REDIS_URL (redis://:PASSWORD@host:port)',
    );
  });

  it('never repeats the password, and leaves other errors to the caller', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', '28P01', '28000', '3D000', '42501']) {
      expect(explainConnectionFailure(failure(code), pg)).not.toContain('s3cret');
    }
    expect(explainConnectionFailure(new TypeError('x is not a function'), pg)).toBeNull();
    expect(explainConnectionFailure(failure('23505', 'duplicate key'), pg)).toBeNull();
  });
});

describe('explainListenFailure', () => {
  it('names the port and what to do', () => {
    expect(explainListenFailure(failure('EADDRINUSE'), 3000)).toBe(
      'PORT 3000 is in use by another process: stop that process, or set PORT to a free port',
    );
    expect(explainListenFailure(failure('EACCES'), 80)).toBe(
      'PORT 80 may not be opened by this user: set PORT above 1023, or let a proxy in front listen on 80',
    );
    expect(explainListenFailure(new Error('other'), 3000)).toBeNull();
  });
});
