import { describe, expect, it } from 'vitest';
import { mean, median, ratio } from './statistics.js';

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('sorts numerically, not as text', () => {
    expect(median([10, 9, 100])).toBe(10);
  });

  it('gives null for no values', () => {
    expect(median([])).toBeNull();
  });
});

describe('mean', () => {
  it('averages the values, null when there are none', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
  });
});

describe('ratio', () => {
  it('divides, giving null for a zero denominator', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 0)).toBeNull();
  });
});

describe('median on larger inputs', () => {
  it('agrees with sorting for many random and repeated values', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 60) }, () => Math.floor(random() * 10));
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      const expected = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
      expect(median(values)).toBe(expected);
    }
  });

  it('leaves its input in order', () => {
    const values = [5, 1, 4];
    median(values);
    expect(values).toEqual([5, 1, 4]);
  });
});
