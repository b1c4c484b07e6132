import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';

describe('base64url', () => {
  it('round-trips bytes without padding or +/', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xfe, 0x00, 0x01]);
    const text = encodeBase64Url(bytes);
    expect(text).toBe('-__-AAE');
    expect(decodeBase64Url(text)?.equals(bytes)).toBe(true);
    expect(decodeBase64Url('')?.length).toBe(0);
  });

  it('refuses padding, the standard alphabet, whitespace and impossible lengths', () => {
    for (const text of ['-__-AAE=', '+//+AAE', 'ab cd', 'abcde', 'ab.c']) expect(decodeBase64Url(text)).toBeNull();
  });

  it('refuses non-canonical encodings whose unused bits are set', () => {
    expect(decodeBase64Url('AQ')?.equals(Buffer.from([1]))).toBe(true);
    expect(decodeBase64Url('AR')).toBeNull();
  });
});
