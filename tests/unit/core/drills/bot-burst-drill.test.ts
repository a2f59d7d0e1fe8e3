/**
 * The built-in "bot burst" drill on the real core: its follower-less accounts posting one line and
 * link are flagged as coordinated, left out of the alert counts, and the alert that the real
 * complaints raise says so in its explanation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openHarness, T0, type Harness } from '../care/care-harness';
import { useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const MIN = 60_000;
let h: Harness | null = null;

afterEach(() => {
  h?.close();
  h = null;
});

describe('the bot-burst drill', () => {
  it('flags the burst, keeps it out of the counts, and the alert explanation says so', () => {
    h = openHarness(tempDir());
    const { services, clock } = h;
    services.pipeline.onBatch((_s, r) => services.alerts.checkMentions(r.stored));
    services.drills.start('bot-burst', 'lee', 1);
    for (let t = 10_000; t <= 8 * MIN; t += 10_000) {
      clock.now = T0 + t;
      services.drills.tick();
      services.alerts.evaluate([]);
    }
    const store = services.store;
    const reasons = store.flags.reasons(null, T0, T0 + 9 * MIN);
    const flagged = reasons.reduce((n, r) => n + r.posts, 0);
    // About 60 a minute for 4 minutes, nearly all of them caught.
    expect(flagged).toBeGreaterThan(150);
    expect(reasons.map((r) => r.reason).join(' | ')).toMatch(/accounts with at most 5 followers posted the same text within 5 min/);
    const flaggedAuthors = store.mentions
      .recent(2000)
      .filter((m) => store.flags.get(m.id)?.spam)
      .map((m) => m.authorHandle);
    expect(flaggedAuthors.every((a) => a.startsWith('acct_'))).toBe(true);

    const alert = store.alerts.recent(20).find((a) => a.explanation?.spam);
    expect(alert, 'an alert whose explanation names the flagged posts').toBeDefined();
    expect(alert!.explanation!.spam).toMatchObject({ excluded: true });
    expect(alert!.explanation!.spam!.posts).toBeGreaterThan(0);
    // What it counted were people: no more than the real complaints of its window.
    const x = alert!.explanation!;
    const window = { from: alert!.openedAt - x.windowMinutes * MIN, to: alert!.openedAt + 1 };
    const people = store.mentions
      .recent(2000)
      .filter((m) => m.publishedAt >= window.from && m.publishedAt < window.to && !m.authorHandle.startsWith('acct_')).length;
    if (x.measure.includes('%')) expect(x.observed).toBeLessThanOrEqual(100);
    else expect(x.observed).toBeLessThanOrEqual(people);
  });
});
