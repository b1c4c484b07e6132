import { describe, expect, it } from 'vitest';
import { reportEachOnce, type UnknownValue } from './unknown-value.js';

describe('reportEachOnce', () => {
  it('passes each distinct field and value on once, telling 7 from "7"', () => {
    const seen: UnknownValue[] = [];
    const report = reportEachOnce((unknown) => seen.push(unknown));
    report({ field: 'status', value: 7, readAs: 'unsolved' });
    report({ field: 'status', value: 7, readAs: 'unsolved' });
    report({ field: 'status', value: '7', readAs: 'unsolved' });
    report({ field: 'source', value: 7, readAs: 'a customer contact' });
    expect(seen.map((u) => `${u.field}=${JSON.stringify(u.value)}`)).toEqual(['status=7', 'status="7"', 'source=7']);
  });
});
