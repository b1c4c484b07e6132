import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { unknownValueLog } from './create-vendor-client.js';

function recordingLogger(lines: string[]): Logger {
  const logger = {
    info: (_fields: object, message: string) => void lines.push(message),
    warn: () => {},
    error: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger as unknown as Logger;
}

describe('unknownValueLog', () => {
  it('logs each value once per tenant across the clients of many jobs', () => {
    const lines: string[] = [];
    const log = unknownValueLog(recordingLogger(lines));
    const custom = { field: 'status', value: 7, readAs: 'unsolved' };
    // Two jobs of one tenant (a client each), then another tenant with the same status.
    log('acme')(custom);
    log('acme')(custom);
    log('beta')(custom);
    expect(lines).toEqual([
      'acme: the helpdesk sent status 7, which Frontline does not know; read as unsolved',
      'beta: the helpdesk sent status 7, which Frontline does not know; read as unsolved',
    ]);
  });
});
