import type { Scorecard, TimeWindow } from '@frontline/kpi';
import type { KpiReads } from '../store/kpi-reads.js';
import { readScorecard, type TenantView } from './tenant-view.js';

/** Windows kept: a lead paging through periods asks for the same few again. */
const MAX_CARDS = 256;

/**
 * Scorecards of windows other than the view's own (a lead's "from/to"), computed by the store
 * and kept per revision: the same window asked again before the next change is not computed
 * twice, and a new revision makes a new key, so nothing stale is served. Oldest entries go first.
 */
export class WindowCards {
  readonly #cards = new Map<string, Promise<Scorecard>>();

  constructor(private readonly reads: KpiReads) {}

  card(view: TenantView, window: TimeWindow): Promise<Scorecard> {
    const key = `${view.tenantId}@${view.revision}@${view.computedAt}:${window.from}-${window.to}`;
    let card = this.#cards.get(key);
    if (card === undefined) {
      card = readScorecard(this.reads, view, window);
      this.#cards.set(key, card);
      card.catch(() => this.#cards.delete(key));
      if (this.#cards.size > MAX_CARDS) this.#cards.delete(this.#cards.keys().next().value!);
    }
    return card;
  }
}
