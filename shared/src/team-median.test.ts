import { describe, expect, it } from 'vitest';
import { computeTeamMedian } from './team-median.js';
import type { AgentKpiSet } from './kpi-value.js';

const agent = (csat: number | null) =>
  ({ csat: { value: csat, sample: csat === null ? 0 : 1 } }) as unknown as AgentKpiSet;

describe('computeTeamMedian', () => {
  it('takes the median over agents that have a value', () => {
    expect(computeTeamMedian([agent(0.5), agent(null), agent(0.9), agent(0.7)], 'csat')).toBe(0.7);
  });

  it('gives null when no agent has a value', () => {
    expect(computeTeamMedian([agent(null)], 'csat')).toBeNull();
  });
});
