import { describe, expect, it } from 'vitest';
import { nextLink } from './link-header.js';

describe('nextLink', () => {
  it('finds the rel="next" URL among several links', () => {
    const header = '<https://a.test/x?page=1>; rel="prev", <https://a.test/x?page=3>; rel="next"';
    expect(nextLink(header)).toBe('https://a.test/x?page=3');
  });

  it('reads an unquoted rel with other parameters', () => {
    expect(nextLink('<https://a.test/x?page=2>; type="json"; rel=next')).toBe('https://a.test/x?page=2');
  });

  it('is null without a header or without a next link', () => {
    expect(nextLink(undefined)).toBeNull();
    expect(nextLink('<https://a.test/x?page=1>; rel="prev"')).toBeNull();
  });
});
