/**
 * The benchmark's deterministic cases as tests: real timelines replayed through the default rules.
 * They skip with a printed line where the shared data folder is absent.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/logic/time';
import { sharedDataFile } from '../../support/shared-data';
import { airlineSeries, demoSeries, replayInfluencer, replayRules, trainCrashSeries } from '../../bench/alerts-data';

describe('default rules on real timelines', () => {
  const airline = sharedDataFile('airline-tweets.csv');
  it.runIf(airline.available)('catch the US Airways surge of 2015-02-22 and learn the American collection jump once', { timeout: 120_000 }, () => {
    const all = airlineSeries(airline.path);
    const us = all.get('US Airways')!;
    const firings = replayRules(us.series, us.from, us.to);
    // The Pacific day of the cancellations (08:00 UTC to 08:00 UTC next day).
    const onTheDay = firings.filter((f) => f.at >= Date.UTC(2015, 1, 22, 8) && f.at < Date.UTC(2015, 1, 23, 8));
    expect(onTheDay.length).toBeGreaterThan(0);
    expect(onTheDay[0]!.at).toBeLessThan(Date.UTC(2015, 1, 22, 14));
    // American: silence, then hundreds a day. The detectors fire when it starts, then adapt.
    const american = all.get('American')!;
    const aa = replayRules(american.series, american.from, american.to);
    expect(aa[0]!.at).toBeGreaterThanOrEqual(Date.UTC(2015, 1, 22));
    expect(aa.filter((f) => f.at >= Date.UTC(2015, 1, 24)).length).toBeLessThan(aa.length / 2);
  });

  const ids = sharedDataFile(join('crisis-timelines', '2013_NY_train_crash-tweetids_entire_period.csv'));
  const labelled = sharedDataFile(join('crisis-timelines', '2013_NY_train_crash-tweets_labeled.csv'));
  it.runIf(ids.available && labelled.available)('fire within 15 minutes of the train-crash surge with no history', () => {
    const { series, first, to } = trainCrashSeries(ids.path, labelled.path);
    let surge = first;
    for (let m = first; m < to; m += MINUTE_MS) if (series.sum('total', m, m + 5 * MINUTE_MS) >= 5) { surge = m; break; }
    const firings = replayRules(series, first - 60 * MINUTE_MS, to);
    expect(firings[0]!.at - surge).toBeGreaterThanOrEqual(0);
    expect(firings[0]!.at - surge).toBeLessThanOrEqual(15 * MINUTE_MS);
  });

  it('catch every scripted demo outage within 3 minutes, every influencer complaint within a minute, and stay quiet in the calm stretches (6 h, fixed seed)', { timeout: 120_000 }, async () => {
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
  });
});
