import type { Agent, History, KpiKey, KpiTickets, TimeWindow } from '@frontline/kpi';
import type { WindowTotals } from './kpi-sql.js';
import type { SliceSelection, ViewBasics } from './slice-sql.js';

export type { WindowTotals } from './kpi-sql.js';
export type { SliceSelection, ViewBasics } from './slice-sql.js';

/**
 * What the API reads to answer: numbers aggregated from the per-ticket facts, and small slices
 * of history for the rows it shows. Nothing here returns a tenant's whole history.
 */
export interface KpiReads {
  /** The tenant's revision: it moves with every write, and keys every computed view. */
  revision(tenantId: string): Promise<number>;
  /** Revision, agents, schedule and survey kinds, read together. */
  viewBasics(tenantId: string): Promise<ViewBasics>;
  /** The totals of each window for the team and per agent; `now` decides which solves have had their 7 days. */
  windowTotals(tenantId: string, windows: readonly TimeWindow[], now: number): Promise<WindowTotals[]>;
  /** The tickets behind one KPI value of an agent (or the team, for `null`) in a window. */
  kpiTickets(
    tenantId: string,
    request: {
      readonly kpi: KpiKey;
      readonly window: TimeWindow;
      readonly now: number;
      readonly agentId: string | null;
    },
  ): Promise<KpiTickets>;
  /** The team's median of public replies per solved ticket in the window. */
  typicalReplies(tenantId: string, window: TimeWindow): Promise<number | null>;
  /** The selected tickets with their ratings, the agents and the schedule. */
  historySlice(tenantId: string, selection: SliceSelection): Promise<History>;
  /** What the coaching insights of a window need (ratings given in it, repeat contacts of its solves). */
  insightSlice(tenantId: string, window: TimeWindow): Promise<History>;
  listAgents(tenantId: string): Promise<Agent[]>;
}
