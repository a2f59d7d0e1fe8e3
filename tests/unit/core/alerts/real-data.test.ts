/**
 * The benchmark's deterministic cases as tests: real timelines replayed through the default rules.
 * They skip with a printed line where the shared data folder is absent.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '@shared/logic/time';
import { sharedDataFile } from '../../../support/shared-data';
import { airlineSeries, demoSeries, RATE_RULES, replayInfluencer, replayRules } from '../../../bench/alerts-data';
import { CRISES, crisisRun, firstFiring } from '../../../bench/crisis-data';

describe('default rules on real timelines', () => {
  const airline = sharedDataFile('airline-tweets.csv');
  it.runIf(airline.available)(
    'catch the US Airways surge of 2015-02-22 while it runs, and learn the American collection jump once',
    { timeout: 120_000 },
    () => {
      const all = airlineSeries(airline.path);
      const us = all.get('US Airways')!;
      const firings = replayRules(us.series, us.from, us.to);
      // The surge has no single onset (cancellations all day), so a firing counts as caught only
      // where the airline really ran high: its last hour at least twice the same hour's median on
      // the three days before. A firing on the day in an ordinary hour does not count.
      const HOUR = 60 * MINUTE_MS;
      const elevated = (at: number): boolean => {
        const n = us.series.sum('total', at - HOUR, at);
        const before = [1, 2, 3].map((d) => us.series.sum('total', at - HOUR - d * 24 * HOUR, at - d * 24 * HOUR)).sort((a, b) => a - b)[1]!;
        return n >= 2 * before;
      };
      const onTheDay = firings.filter((f) => f.at >= Date.UTC(2015, 1, 22, 8) && f.at < Date.UTC(2015, 1, 23, 8));
      const caught = onTheDay.filter((f) => elevated(f.at));
      expect(caught.length).toBeGreaterThan(0);
      expect(caught[0]!.at).toBeLessThan(Date.UTC(2015, 1, 22, 14));
      // American: silence, then hundreds a day. The detectors fire when it starts, then adapt.
      const american = all.get('American')!;
      const aa = replayRules(american.series, american.from, american.to);
      expect(aa[0]!.at).toBeGreaterThanOrEqual(Date.UTC(2015, 1, 22));
      expect(aa.filter((f) => f.at >= Date.UTC(2015, 1, 24)).length).toBeLessThan(aa.length / 2);
    },
  );

  const crisisDir = sharedDataFile('crisis-timelines');
  it.runIf(crisisDir.available)(
    "on every shared crisis timeline, the topic's first alert comes after the onset and within 10 min of its first surge",
    { timeout: 180_000 },
    () => {
      // A firing before the onset is a false alarm, not an early catch: it fails the crisis.
      const verdicts = CRISES.map((crisis) => {
        const run = crisisRun(crisisDir.path, crisis);
        const first = firstFiring(RATE_RULES, run.series, run.from, run.to);
        const ok = first !== null && run.surge !== null && first.at >= crisis.onset && first.at - run.surge <= 10 * MINUTE_MS;
        return { event: crisis.event, ok, first: first && new Date(first.at).toISOString(), surge: run.surge && new Date(run.surge).toISOString() };
      });
      expect(verdicts.filter((v) => !v.ok)).toEqual([]);
    },
  );

  it(
    'catch every scripted demo outage within 3 minutes, every influencer complaint within a minute, and stay quiet in the calm stretches (6 h, fixed seed)',
    { timeout: 120_000 },
    async () => {
      const demo = await demoSeries(6);
      const firings = replayRules(demo.series, demo.from, demo.to);
      const outages = demo.episodes.filter((e) => e.kind === 'outage');
      expect(outages.length).toBeGreaterThanOrEqual(8);
      for (const e of outages) expect(firings.some((f) => f.at >= e.startsAt && f.at <= e.startsAt + 3 * MINUTE_MS)).toBe(true);
      const influencer = replayInfluencer(demo);
      for (const e of demo.episodes.filter((x) => x.kind === 'influencer-complaint')) {
        expect(influencer.some((f) => f.at >= e.startsAt && f.at <= e.startsAt + MINUTE_MS && f.title.startsWith('Influencer complaint'))).toBe(true);
      }
      const calm = [...firings, ...influencer].filter((f) => !demo.episodes.some((e) => f.at >= e.startsAt && f.at <= e.endsAt + 5 * MINUTE_MS));
      expect(calm).toEqual([]);
    },
  );
});
