/** The pure detectors and the band maths, exhaustively: each fires where it should and only there. */
import { describe, expect, it } from 'vitest';
import type { Mention } from '@shared/domain/mention';
import type { SourceHealth } from '@shared/domain/source';
import { DEFAULT_NEGATIVE_SURGE, DEFAULT_VOLUME_SPIKE } from '@shared/logic/alerts/defaults';
import {
  detectInfluencer,
  detectKeyword,
  detectNegativeSurge,
  detectResponseTime,
  detectSourceDown,
  detectTrendingTerm,
  detectVolumeSpike,
} from '@shared/logic/alerts/detectors';
import { band, rateVerdict, seasonalExpectation, trailingExpectation } from '@shared/logic/alerts/rate';
import { MinuteSeries, type MinuteCounts } from '@shared/logic/alerts/series';
import { topTerms } from '@shared/logic/alerts/terms';
import { MINUTE_MS } from '@shared/logic/time';
import { mulberry32 } from '../../../../../electron/core/sources/demo/random';

const T0 = Date.UTC(2025, 0, 6, 0, 0, 0); // a Monday, midnight UTC
const DAY = 24 * 60 * MINUTE_MS;

function poisson(random: () => number, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  let k = 0;
  let p = 1;
  const l = Math.exp(-mean);
  for (;;) {
    p *= random();
    if (p <= l) return k;
    k++;
  }
}
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}

/** Minutes from `from` for `count` minutes with a per-minute mean rate (a function of time). */
function stream(from: number, count: number, rate: (t: number) => number, negativeShare: number, seed: number): MinuteCounts[] {
  const random = mulberry32(seed);
  const out: MinuteCounts[] = [];
  for (let i = 0; i < count; i++) {
    const minute = from + i * MINUTE_MS;
    const total = poisson(random, rate(minute));
    let negative = 0;
    for (let j = 0; j < total; j++) if (random() < negativeShare) negative++;
    out.push({ minute, total, negative });
  }
  return out;
}

const series = (counts: MinuteCounts[], historyStart = counts[0]?.minute ?? T0): MinuteSeries =>
  new MinuteSeries(counts, counts[0]?.minute ?? T0, counts[counts.length - 1]?.minute ?? T0, historyStart);

/** Evaluates at the end of every minute in [from, to); returns the minutes where the detector fired. */
function firingMinutes(s: MinuteSeries, from: number, to: number, detect: (now: number) => unknown[]): number[] {
  const out: number[] = [];
  for (let m = from; m < to; m += MINUTE_MS) if (detect(m + MINUTE_MS - 1).length > 0) out.push(m);
  return out;
}

describe('MinuteSeries', () => {
  it('sums any window from prefix sums and ignores minutes outside it', () => {
    const s = new MinuteSeries(
      [
        { minute: T0, total: 3, negative: 1 },
        { minute: T0 + 2 * MINUTE_MS, total: 5, negative: 4 },
        { minute: T0 - MINUTE_MS, total: 99, negative: 99 },
      ],
      T0,
      T0 + 4 * MINUTE_MS,
      T0,
    );
    expect(s.sum('total', T0, T0 + 3 * MINUTE_MS)).toBe(8);
    expect(s.sum('negative', T0 + MINUTE_MS, T0 + 10 * MINUTE_MS)).toBe(4);
    expect(s.sum('total', T0 - 10 * MINUTE_MS, T0)).toBe(0);
    expect(s.at(T0 + 2 * MINUTE_MS)).toEqual({ minute: T0 + 2 * MINUTE_MS, total: 5, negative: 4 });
  });
});

describe('band maths', () => {
  it('is Poisson plus the baseline uncertainty plus 20% overdispersion', () => {
    const b = band(2, 5, 100, 4); // μ = 10
    expect(b.expected).toBe(10);
    expect(b.sd).toBeCloseTo(Math.sqrt(10 + (10 * 5) / 100 + 4), 10);
    expect(b.high).toBeCloseTo(10 + 4 * b.sd, 10);
    expect(b.low).toBe(Math.max(0, 10 - 4 * b.sd));
  });

  it('widens when the baseline is short', () => {
    expect(band(2, 15, 15, 4).high).toBeGreaterThan(band(2, 15, 240, 4).high);
  });

  it('winsorises past spikes out of the trailing baseline', () => {
    const calm = stream(T0, 120, () => 30, 0.3, 1);
    const withSpike = calm.map((c, i) => (i >= 60 && i < 70 ? { ...c, total: c.total + 300 } : c));
    const plain = trailingExpectation(series(calm), 'total', T0 + 120 * MINUTE_MS, 120)!;
    const spiked = trailingExpectation(series(withSpike), 'total', T0 + 120 * MINUTE_MS, 120)!;
    expect(plain.rate).toBeGreaterThan(27);
    expect(plain.rate).toBeLessThan(33);
    // An unweighted mean would be 30 + 3000/120 = 55 per minute.
    expect(spiked.rate).toBeLessThan(36);
  });

  it('has no trailing baseline before 10 minutes of history', () => {
    const counts = stream(T0, 30, () => 30, 0.3, 2);
    expect(trailingExpectation(series(counts, T0 + 22 * MINUTE_MS), 'total', T0 + 30 * MINUTE_MS, 120)).toBeNull();
    expect(trailingExpectation(series(counts, T0 + 15 * MINUTE_MS), 'total', T0 + 30 * MINUTE_MS, 120)?.basisMinutes).toBe(15);
  });

  it('uses the same time of day on previous days, and needs two of them', () => {
    // Busy 09:00–10:00 every day (60/min), quiet otherwise (5/min).
    const rate = (t: number): number => ((t - T0) % DAY >= 9 * 60 * MINUTE_MS && (t - T0) % DAY < 10 * 60 * MINUTE_MS ? 60 : 5);
    const counts = stream(T0, 3 * 24 * 60, rate, 0.3, 3);
    const s = series(counts);
    const at = T0 + 2 * DAY + 9 * 60 * MINUTE_MS + 30 * MINUTE_MS;
    const seasonal = seasonalExpectation(s, 'total', at - 15 * MINUTE_MS, at)!;
    expect(seasonal.source).toBe('seasonal');
    expect(seasonal.rate).toBeGreaterThan(30);
    expect(seasonalExpectation(s, 'total', T0 + DAY + 9 * 60 * MINUTE_MS, T0 + DAY + 9 * 60 * MINUTE_MS + 15 * MINUTE_MS)).toBeNull();
  });
});

describe('volume spike', () => {
  const p = DEFAULT_VOLUME_SPIKE;

  it('stays quiet on 24 hours of a calm Poisson stream', () => {
    const counts = stream(T0, 24 * 60, () => 30, 0.3, 11);
    const s = series(counts);
    expect(firingMinutes(s, T0 + 60 * MINUTE_MS, T0 + 24 * 60 * MINUTE_MS, (now) => detectVolumeSpike(p, 'warning', s, now))).toEqual([]);
  });

  it('fires within two minutes of a sharp 4× burst, as critical once it reaches 5×', () => {
    const start = T0 + 180 * MINUTE_MS;
    const counts = stream(T0, 200, (t) => (t >= start ? 200 : 30), 0.3, 12);
    const s = series(counts);
    const fired = firingMinutes(s, T0 + 60 * MINUTE_MS, T0 + 200 * MINUTE_MS, (now) => detectVolumeSpike(p, 'warning', s, now));
    expect(fired[0]).toBeGreaterThanOrEqual(start);
    expect(fired[0]).toBeLessThanOrEqual(start + 2 * MINUTE_MS);
    const signal = detectVolumeSpike(p, 'warning', s, start + 6 * MINUTE_MS - 1)[0]!;
    expect(signal.severity).toBe('critical');
    expect(signal.explanation.observed).toBeGreaterThan(signal.explanation.bandHigh!);
    expect(signal.explanation.expected).toBeGreaterThan(100);
    expect(signal.explanation.expected).toBeLessThan(200);
  });

  it('is robust to a slow rise (the rate doubles over six hours)', () => {
    const counts = stream(T0, 8 * 60, (t) => 20 * (1 + Math.max(0, t - T0 - 60 * MINUTE_MS) / (6 * 60 * MINUTE_MS)), 0.3, 13);
    const s = series(counts);
    expect(firingMinutes(s, T0 + 60 * MINUTE_MS, T0 + 8 * 60 * MINUTE_MS, (now) => detectVolumeSpike(p, 'warning', s, now))).toEqual([]);
  });

  it('does not fire on a near-zero topic for a handful of mentions, but does for a real burst', () => {
    const quiet = stream(T0, 240, () => 0.02, 0.3, 14);
    quiet[200] = { minute: quiet[200]!.minute, total: 4, negative: 2 };
    const s = series(quiet);
    expect(firingMinutes(s, T0 + 60 * MINUTE_MS, T0 + 240 * MINUTE_MS, (now) => detectVolumeSpike(p, 'warning', s, now))).toEqual([]);
    const burst = quiet.map((c, i) => (i >= 220 && i < 230 ? { ...c, total: 3 } : c));
    const b = series(burst);
    const fired = firingMinutes(b, T0 + 60 * MINUTE_MS, T0 + 240 * MINUTE_MS, (now) => detectVolumeSpike(p, 'warning', b, now));
    expect(fired[0]).toBeGreaterThanOrEqual(T0 + 220 * MINUTE_MS);
    expect(fired[0]).toBeLessThanOrEqual(T0 + 224 * MINUTE_MS);
  });

  it('knows the morning rush is normal once it has seen it on previous days', () => {
    const rate = (t: number): number => ((t - T0) % DAY >= 8 * 60 * MINUTE_MS && (t - T0) % DAY < 9 * 60 * MINUTE_MS ? 40 : 4);
    const counts = stream(T0, 4 * 24 * 60, rate, 0.3, 15);
    const s = series(counts);
    const thirdMorning = T0 + 3 * DAY + 8 * 60 * MINUTE_MS;
    expect(firingMinutes(s, thirdMorning - 10 * MINUTE_MS, thirdMorning + 60 * MINUTE_MS, (now) => detectVolumeSpike(p, 'warning', s, now))).toEqual([]);
    const noSeasonal = { ...p, seasonal: false };
    expect(
      firingMinutes(s, thirdMorning - 10 * MINUTE_MS, thirdMorning + 60 * MINUTE_MS, (now) => detectVolumeSpike(noSeasonal, 'warning', s, now)).length,
    ).toBeGreaterThan(0);
  });

  it('needs a baseline: nothing fires in the first 10 minutes of history', () => {
    const counts = stream(T0, 12, () => 100, 0.3, 16);
    const s = series(counts);
    expect(rateVerdict(p, s, 'total', T0 + 8 * MINUTE_MS, 5).basis).toBe('none');
    expect(firingMinutes(s, T0, T0 + 10 * MINUTE_MS, (now) => detectVolumeSpike(p, 'warning', s, now))).toEqual([]);
  });
});

describe('negative surge', () => {
  const p = DEFAULT_NEGATIVE_SURGE;

  it('fires on a rise of negatives against their baseline while total volume barely moves', () => {
    const start = T0 + 150 * MINUTE_MS;
    const random = mulberry32(21);
    const counts: MinuteCounts[] = [];
    for (let i = 0; i < 180; i++) {
      const minute = T0 + i * MINUTE_MS;
      const total = poisson(random, 30);
      const share = minute >= start ? 0.8 : 0.2;
      let negative = 0;
      for (let j = 0; j < total; j++) if (random() < share) negative++;
      counts.push({ minute, total, negative });
    }
    const s = series(counts);
    expect(firingMinutes(s, T0 + 60 * MINUTE_MS, start, (now) => detectNegativeSurge(p, 'warning', s, now))).toEqual([]);
    const fired = firingMinutes(s, start, T0 + 180 * MINUTE_MS, (now) => detectNegativeSurge(p, 'warning', s, now));
    expect(fired[0]).toBeLessThanOrEqual(start + 2 * MINUTE_MS);
    expect(firingMinutes(s, T0 + 60 * MINUTE_MS, T0 + 180 * MINUTE_MS, (now) => detectVolumeSpike(DEFAULT_VOLUME_SPIKE, 'warning', s, now))).toEqual([]);
  });

  it('fires on the share alone before any history exists, and not on a mixed cold start', () => {
    const angry = series([
      { minute: T0, total: 40, negative: 30 },
      { minute: T0 + MINUTE_MS, total: 40, negative: 32 },
    ]);
    const signal = detectNegativeSurge(p, 'warning', angry, T0 + 2 * MINUTE_MS - 1)[0]!;
    expect(signal.detail).toMatch(/no baseline yet/);
    expect(signal.explanation.observed).toBe(78);
    const mixed = series([
      { minute: T0, total: 40, negative: 14 },
      { minute: T0 + MINUTE_MS, total: 40, negative: 12 },
    ]);
    expect(detectNegativeSurge(p, 'warning', mixed, T0 + 2 * MINUTE_MS - 1)).toEqual([]);
  });

  it('does not fire on the share of a topic that is always mostly negative', () => {
    const counts = stream(T0, 180, () => 20, 0.75, 22);
    const s = series(counts);
    expect(firingMinutes(s, T0 + 30 * MINUTE_MS, T0 + 180 * MINUTE_MS, (now) => detectNegativeSurge(p, 'warning', s, now))).toEqual([]);
  });
});

function mention(id: number, patch: Partial<Mention> = {}): Mention {
  return {
    id,
    sourceId: 'demo',
    externalId: String(id),
    platform: 'x',
    text: `post ${id}`,
    url: null,
    lang: 'en',
    publishedAt: T0 + id * 1000,
    ingestedAt: T0 + id * 1000,
    authorHandle: `user${id}`,
    authorName: null,
    authorFollowers: 100,
    authorVerified: false,
    likes: 0,
    reposts: 0,
    replies: 0,
    replyTo: null,
    sentiment: 'negative',
    sentimentScore: -0.5,
    sentimentConfidence: 0.5,
    intents: [],
    clout: 10,
    urgency: 0,
    topicIds: [],
    episode: null,
    heardAt: T0 + id * 1000,
    drillRunId: null,
    ...patch,
  };
}

describe('influencer alarm', () => {
  const p = { kind: 'influencer' as const, minFollowers: 100_000, minClout: null, useWatchlists: true, negativeOnly: true, criticalFollowers: 1_000_000 };

  it('fires once per author for negative posts above the threshold, critical from a million', () => {
    const signals = detectInfluencer(p, 'warning', [
      mention(1, { authorHandle: 'big', authorFollowers: 250_000 }),
      mention(2, { authorHandle: 'big', authorFollowers: 250_000 }),
      mention(3, { authorHandle: 'huge', authorFollowers: 2_000_000, text: 'Terrible service, third outage this week' }),
      mention(4, { authorHandle: 'small', authorFollowers: 99_999 }),
      mention(5, { authorHandle: 'happy', authorFollowers: 5_000_000, sentiment: 'positive' }),
    ]);
    expect(signals.map((s) => [s.key, s.severity, s.evidence])).toEqual([
      ['author:x:huge', 'critical', [3]],
      ['author:x:big', 'warning', [2, 1]],
    ]);
    expect(signals[0]!.detail).toContain('Terrible service');
  });

  it('uses clout and watchlists when asked, and any sentiment when not negative-only', () => {
    const byClout = { ...p, minFollowers: null, minClout: 70 };
    expect(detectInfluencer(byClout, 'warning', [mention(1, { clout: 71 }), mention(2, { clout: 69 })]).map((s) => s.evidence)).toEqual([[1]]);
    const watch = (m: Mention): string | null => (m.authorHandle === 'user7' ? 'journalists' : null);
    expect(detectInfluencer(p, 'warning', [mention(7)], watch)[0]!.detail).toContain('watchlist "journalists"');
    expect(detectInfluencer({ ...p, useWatchlists: false }, 'warning', [mention(7)], watch)).toEqual([]);
    expect(detectInfluencer({ ...p, negativeOnly: false }, 'warning', [mention(8, { sentiment: 'positive', authorFollowers: 200_000 })])).toHaveLength(1);
  });
});

describe('keyword, trending term, response time, source down', () => {
  it('keyword watch counts matches inside its window only', () => {
    const p = { kind: 'keyword' as const, query: 'outage', minCount: 2, windowMinutes: 10 };
    const now = T0 + 30 * MINUTE_MS;
    const inside = [mention(1, { publishedAt: now - MINUTE_MS }), mention(2, { publishedAt: now - 9 * MINUTE_MS })];
    expect(detectKeyword(p, 'warning', inside, now)[0]!.evidence).toEqual([1, 2]);
    expect(detectKeyword(p, 'warning', [inside[0]!, mention(3, { publishedAt: now - 11 * MINUTE_MS })], now)).toEqual([]);
  });

  it('new trending term fires for new terms above the count only', () => {
    const p = { kind: 'trending-term' as const, minCount: 5, windowMinutes: 15, baselineMinutes: 1440 };
    const signals = detectTrendingTerm(p, 'info', [
      { term: '#kestreldown', count: 12, expected: 0, score: 9, isNew: true },
      { term: 'refund', count: 40, expected: 10, score: 5, isNew: false },
      { term: 'tiny', count: 4, expected: 0, score: 3, isNew: true },
    ]);
    expect(signals.map((s) => s.key)).toEqual(['term:#kestreldown']);
  });

  it('response-time breach summarises every customer waiting past the target, per topic', () => {
    const p = { kind: 'response-time' as const, targetMinutes: 60 };
    const now = T0 + 5 * 60 * MINUTE_MS;
    const waiting = [
      { conversationId: 1, firstMentionId: 11, waitingSince: now - 95 * MINUTE_MS, topicIds: [1], authorHandle: 'anna' },
      { conversationId: 2, firstMentionId: 12, waitingSince: now - 61 * MINUTE_MS, topicIds: [2], authorHandle: 'ben' },
      { conversationId: 3, firstMentionId: 13, waitingSince: now - 30 * MINUTE_MS, topicIds: [1], authorHandle: 'carl' },
    ];
    const all = detectResponseTime(p, 'warning', waiting, null, now)[0]!;
    expect(all.evidence).toEqual([11, 12]);
    expect(all.detail).toContain('@anna, for 95 min');
    expect(detectResponseTime(p, 'warning', waiting, 2, now)[0]!.evidence).toEqual([12]);
    expect(detectResponseTime(p, 'warning', waiting.slice(2), null, now)).toEqual([]);
  });

  it('source down follows the walls’ freshness: failing and stale fire, live and paused do not', () => {
    const now = T0 + 10 * MINUTE_MS;
    const base: SourceHealth = {
      id: 'a',
      name: 'A',
      kind: 'demo',
      enabled: true,
      state: 'ok',
      intervalMs: 2_000,
      lastPollAt: now - 1_000,
      lastSuccessAt: now - 1_000,
      lastDeliveryAt: now - 1_000,
      lastError: null,
      lastErrorAt: null,
      consecutiveFailures: 0,
      nextPollAt: null,
      itemsTotal: 1,
      itemsSkipped: 0,
      itemsPerMinute: 1,
      newestPublishedAt: null,
      lagMs: null,
      rateLimitedUntil: null,
    };
    const sources: SourceHealth[] = [
      base,
      { ...base, id: 'b', name: 'B', state: 'error', lastError: 'HTTP 503', lastErrorAt: now - 500 },
      { ...base, id: 'c', name: 'C', lastSuccessAt: now - 5 * MINUTE_MS },
      { ...base, id: 'd', name: 'D', enabled: false, lastSuccessAt: now - 60 * MINUTE_MS },
    ];
    const signals = detectSourceDown({ kind: 'source-down', sourceId: null }, 'warning', sources, now);
    expect(signals.map((s) => s.key)).toEqual(['source:b', 'source:c']);
    expect(signals[0]!.detail).toContain('HTTP 503');
    expect(detectSourceDown({ kind: 'source-down', sourceId: 'c' }, 'warning', sources, now).map((s) => s.key)).toEqual(['source:c']);
  });

  it('a failing source stays down while it retries: the poll in flight after a failure is not a recovery', () => {
    const now = T0 + 10 * MINUTE_MS;
    const broken: SourceHealth = {
      id: 'forum',
      name: 'Broken forum feed',
      kind: 'feed',
      enabled: true,
      state: 'polling',
      intervalMs: 60_000,
      lastPollAt: now - 200,
      lastSuccessAt: null,
      lastDeliveryAt: null,
      lastError: 'HTTP 500',
      lastErrorAt: now - 11_000,
      consecutiveFailures: 3,
      nextPollAt: null,
      itemsTotal: 0,
      itemsSkipped: 0,
      itemsPerMinute: 0,
      newestPublishedAt: null,
      lagMs: null,
      rateLimitedUntil: null,
    };
    expect(detectSourceDown({ kind: 'source-down', sourceId: null }, 'warning', [broken], now).map((s) => s.title)).toEqual([
      'Source failing: Broken forum feed',
    ]);
    // Once a poll succeeds the failures are reset and the source is live again.
    expect(
      detectSourceDown({ kind: 'source-down', sourceId: null }, 'warning', [{ ...broken, state: 'ok', consecutiveFailures: 0, lastSuccessAt: now }], now),
    ).toEqual([]);
  });
});

describe('top terms', () => {
  it('counts words and hashtags once per post, without stopwords, handles or URLs; a word in one post of three is not a term', () => {
    expect(
      topTerms(['The #KestrelDown outage again @kestrel https://x.example/a', 'outage outage in my area #kestreldown', 'no signal, outage since noon'], 3),
    ).toEqual(['outage', '#kestreldown']);
  });
});
