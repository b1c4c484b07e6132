import { describe, expect, it } from 'vitest';
import { createSimulatedAccount, type SimulatedAccount } from './account.js';
import { teamProfiles } from './agent-profiles.js';
import { generateHistory } from './history.js';
import { startLifecycleTraffic } from './lifecycle-traffic.js';
import { createManualClock } from './manual-clock.js';
import { BAD_COMMENTS, GOOD_COMMENTS } from './text-snippets.js';

const NOW = Date.UTC(2026, 10, 20, 9);
const HOUR = 3_600_000;

/** Every answered rating of the account as score and comment, from what the vendor's API shows. */
function ratingsOf(account: SimulatedAccount): { good: boolean; comment: string | null }[] {
  const truth = account.truth();
  if (truth.vendor === 'zendesk')
    return truth.satisfactionRatings
      .filter((r) => r.score !== 'offered')
      .map((r) => ({ good: r.score === 'good', comment: r.comment }));
  return truth.satisfactionRatings.map((r) => ({ good: r.ratings.default_question > 100, comment: r.feedback }));
}

function expectCommentsToFit(ratings: { good: boolean; comment: string | null }[]): void {
  const good: readonly string[] = GOOD_COMMENTS;
  const bad: readonly string[] = BAD_COMMENTS;
  for (const { good: positive, comment } of ratings) {
    if (comment === null || comment === '') continue;
    expect(positive ? good : bad, `"${comment}" on a ${positive ? 'good' : 'bad'} rating`).toContain(comment);
  }
  expect(ratings.filter((r) => r.comment).length).toBeGreaterThan(20);
}

describe('rating comments', () => {
  it('never thank on a bad rating, nor complain on a good one', () => {
    for (const comment of BAD_COMMENTS) expect(comment.toLowerCase()).not.toMatch(/thank|great|quick|friendly/);
    for (const comment of GOOD_COMMENTS) expect(comment.toLowerCase()).not.toMatch(/still not|too long|did not/);
  });

  it.each(['zendesk', 'freshdesk'] as const)(
    'fit their score in a generated %s history and its live traffic',
    async (vendor) => {
      const history = generateHistory({
        seed: 3,
        tickets: 3000,
        days: 30,
        agents: 8,
        now: NOW,
        profiles: teamProfiles(3, 8),
      });
      const clock = createManualClock(NOW);
      const account = createSimulatedAccount({ vendor, history, clock });
      expectCommentsToFit(ratingsOf(account));
      const before = ratingsOf(account).length;
      const stop = startLifecycleTraffic(account);
      await clock.advance(24 * HOUR);
      await stop();
      // A day of live ratings, each one's comment fitting it too.
      expect(ratingsOf(account).length).toBeGreaterThan(before + 20);
      expectCommentsToFit(ratingsOf(account));
    },
  );

  it('fit their score in the random-step live traffic too (no "Thanks" on a bad rating)', async () => {
    const history = generateHistory({ seed: 4, tickets: 1000, days: 30, now: NOW });
    const clock = createManualClock(NOW);
    const account = createSimulatedAccount({ vendor: 'zendesk', history, clock });
    account.startLiveTraffic({ ticketsPerMinute: 6, updatesPerMinute: 90 });
    await clock.advance(2 * HOUR);
    await account.stop();
    expectCommentsToFit(ratingsOf(account));
  });
});
