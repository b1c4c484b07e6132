import { describe, expect, it } from 'vitest';
import { LogLines } from './http/api-test-harness.js';
import { createLogger } from './logger.js';
import { openTestTenant } from './sync/open-test-tenant.js';

describe('the log', () => {
  it('keeps the SQL and the parameters of a failed statement out of an error', async () => {
    const { store, tenant, close } = await openTestTenant({ shared: true });
    const log = new LogLines();
    const logger = createLogger({ destination: log.stream });
    try {
      // The store refuses a NUL byte in a note's text (PostgreSQL cannot hold one).
      const failure = await store.coaching
        .addNote(
          tenant.id,
          { agentId: 'a1', authorId: 'lead', ticketId: null, kpi: null, body: 'private\u0000words' },
          0,
        )
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(Error);
      logger.error({ err: failure }, 'request failed');
    } finally {
      await close();
    }
    const line = JSON.parse(log.lines[0]!) as { err: Record<string, unknown> };
    expect(line.err['message']).toBe('invalid byte sequence for encoding "UTF8": 0x00');
    expect(line.err['code']).toBe('22021');
    expect(log.text).not.toContain('private');
    expect(log.text).not.toMatch(/INSERT INTO/i);
  });

  it('drops the detail that quotes row values, also from a cause', () => {
    const log = new LogLines();
    const duplicate = Object.assign(new Error('duplicate key value violates unique constraint "tenants_name_key"'), {
      code: '23505',
      detail: 'Key (name)=(acme-secret-name) already exists.',
      where: "unnamed portal parameter $1 = 'acme-secret-name'",
      query: 'INSERT INTO tenants (name) VALUES ($1)',
      parameters: ['acme-secret-name'],
    });
    const wrapped = new Error('could not add the tenant', { cause: duplicate });
    const logger = createLogger({ destination: log.stream });
    logger.error({ err: duplicate }, 'failed');
    logger.error({ err: wrapped }, 'failed');
    expect(log.text).toContain('23505');
    expect(log.text).toContain('could not add the tenant');
    expect(log.text).not.toContain('acme-secret-name');
    expect(log.text).not.toContain('INSERT INTO');
  });

  it('logs a URL without its query string, where tokens travel', () => {
    const log = new LogLines();
    createLogger({ destination: log.stream }).warn(
      { url: '/v1/stream?access_token=eyJhbGciOiJIUzI1NiJ9.e30.sig&x=1' },
      'stream refused',
    );
    expect(JSON.parse(log.lines[0]!)).toMatchObject({ url: '/v1/stream', msg: 'stream refused' });
    expect(log.text).not.toContain('access_token');
  });
});
