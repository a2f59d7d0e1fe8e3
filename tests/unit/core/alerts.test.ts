import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import type { Mention } from '../../../shared/domain/mention';
import type { SourceHealth } from '../../../shared/domain/source';
import type { MinuteBucket } from '../../../shared/domain/volume';
import { floorToMinute, MINUTE_MS } from '../../../shared/logic/time';
import { AlertService, INFLUENCER_ALERT_TTL_MS, QUIET_BEFORE_RESOLVE_MS } from '../../../electron/core/alerts/alert-service';
import { DEFAULT_SURGE, detectInfluencerComplaints, detectNegativeSurge, detectVolumeSpike } from '../../../electron/core/alerts/detectors';
import { createMemoryLogger } from '../../../electron/core/app/logger';
import { IngestPipeline } from '../../../electron/core/pipeline/ingest';
import { mulberry32 } from '../../../electron/core/sources/demo/random';
import { openStore, type Store } from '../../../electron/core/store/store';
import { countRows, createSource, mentionInput, useTempDirs } from './helpers';

const tempDir = useTempDirs();
/** Half a minute into a minute, like a real evaluation tick. */
const T = Date.UTC(2025, 0, 15, 12, 0, 30);
const CURRENT = floorToMinute(T);
/** First minute of the recent window that holds T. */
const RECENT_START = CURRENT - (DEFAULT_SURGE.recentMinutes - 1) * MINUTE_MS;

function bucket(minute: number, total: number, negative: number, reach = total * 100): MinuteBucket {
  const positive = Math.floor((total - negative) / 2);
  return { minute, total, positive, neutral: total - negative - positive, negative, reach };
}

/** `count` minutes ending just before `end`, each with the same counts. */
function minutes(end: number, count: number, total: number, negative: number): MinuteBucket[] {
  return Array.from({ length: count }, (_, i) => bucket(end - (count - i) * MINUTE_MS, total, negative));
}

const baseline = (): MinuteBucket[] => minutes(RECENT_START, 60, 30, 8); // 40 negative per 5 minutes
const recent = (total: number, negative: number): MinuteBucket[] => minutes(CURRENT + MINUTE_MS, DEFAULT_SURGE.recentMinutes, total, negative);

/** A calm stream: Poisson(30) mentions a minute, each negative with probability 0.25. */
function calmStream(from: number, count: number, seed: number): MinuteBucket[] {
  const random = mulberry32(seed);
  const poisson = (mean: number): number => {
    let k = 0;
    let p = 1;
    const limit = Math.exp(-mean);
    do {
      k++;
      p *= random();
    } while (p > limit);
    return k - 1;
  };
  return Array.from({ length: count }, (_, i) => {
    const total = poisson(30);
    let negative = 0;
    for (let j = 0; j < total; j++) if (random() < 0.25) negative++;
    return bucket(from + i * MINUTE_MS, total, negative);
  });
}

function mention(id: number, patch: Partial<Mention>): Mention {
  return {
    id, sourceId: 'src', externalId: `m${id}`, platform: 'x', text: 'this is awful', url: null, lang: 'en',
    publishedAt: T, ingestedAt: T, authorHandle: `user${id}`, authorName: null, authorFollowers: 0, authorVerified: false,
    likes: null, reposts: null, replies: null, replyTo: null, sentiment: 'negative', sentimentScore: -0.5, sentimentConfidence: 0.5, intents: [], clout: 0, urgency: 0, topicIds: [], episode: null,
    ...patch,
  };
}

describe('detectNegativeSurge', () => {
  it('stays quiet through calm hours with natural noise', () => {
    for (const seed of [1, 2, 3]) {
      const start = CURRENT - 130 * MINUTE_MS;
      const stream = calmStream(start, 191, seed);
      for (let minute = start + 65 * MINUTE_MS; minute <= start + 190 * MINUTE_MS; minute += MINUTE_MS) {
        const now = minute + 30_000;
        expect(detectNegativeSurge(stream, now), `seed ${seed} at minute ${(minute - start) / MINUTE_MS}`).toBeNull();
        expect(detectVolumeSpike(stream, now)).toBeNull();
      }
      // The calm stream is not trivially below the minimum count: it has ~37 negatives per window.
      const window = stream.slice(-5).reduce((n, b) => n + b.negative, 0);
      expect(window).toBeGreaterThanOrEqual(DEFAULT_SURGE.minCount);
    }
  });

  it('fires on a burst against the baseline (ratio path) even when most mentions are not negative', () => {
    const firing = detectNegativeSurge([...baseline(), ...recent(80, 35)], T);
    expect(firing).toMatchObject({ kind: 'negative-surge', severity: 'warning', dedupeKey: 'negative-surge:all' });
    expect(firing?.detail).toContain('175 negative mentions in the last 5 min (44% of 400)');
    expect(firing?.detail).toContain('expected about 40 from the previous 60 min');
    // The same recent counts without a baseline are not a surge: the share is under 60%.
    expect(detectNegativeSurge(recent(80, 35), T)).toBeNull();
    // Twice the ratio is critical.
    expect(detectNegativeSurge([...baseline(), ...recent(80, 50)], T)?.severity).toBe('critical');
    // Below the ratio: quiet.
    expect(detectNegativeSurge([...baseline(), ...recent(80, 20)], T)).toBeNull();
  });

  it('fires without a baseline when at least 60% of a big enough window is negative', () => {
    const firing = detectNegativeSurge(recent(10, 7), T);
    expect(firing?.detail).toContain('no baseline yet');
    expect(firing?.detail).toContain('35 negative mentions');
    expect(detectNegativeSurge(recent(10, 5), T)).toBeNull(); // 50%
    // Fewer than minBaselineMinutes of history is no baseline either.
    const thinHistory = minutes(RECENT_START, DEFAULT_SURGE.minBaselineMinutes - 1, 30, 8);
    expect(detectNegativeSurge([...thinHistory, ...recent(80, 35)], T)).toBeNull();
  });

  it('respects minCount however lopsided the share', () => {
    const only = (negative: number) => [bucket(CURRENT, negative, negative)];
    expect(detectNegativeSurge(only(DEFAULT_SURGE.minCount - 1), T)).toBeNull();
    expect(detectNegativeSurge(only(DEFAULT_SURGE.minCount), T)).not.toBeNull();
    // Minutes outside the recent window do not count towards it.
    expect(detectNegativeSurge([bucket(RECENT_START - MINUTE_MS, 100, 100), bucket(CURRENT, 10, 10)], T)).toBeNull();
  });
});

describe('detectVolumeSpike', () => {
  it('needs a baseline, then fires at three times its rate', () => {
    expect(detectVolumeSpike(recent(200, 10), T)).toBeNull();
    const firing = detectVolumeSpike([...baseline(), ...recent(100, 10)], T);
    expect(firing).toMatchObject({ kind: 'volume-spike', dedupeKey: 'volume-spike:all' });
    expect(firing?.detail).toContain('500 mentions in the last 5 min; expected about 150');
    expect(detectVolumeSpike([...baseline(), ...recent(80, 10)], T)).toBeNull(); // 400 < 450
  });
});

describe('detectInfluencerComplaints', () => {
  it('fires only for negative mentions from 100k followers, critical from 1M', () => {
    const firings = detectInfluencerComplaints([
      mention(1, { authorFollowers: 99_999 }),
      mention(2, { authorFollowers: 100_000, authorHandle: 'mid' }),
      mention(3, { authorFollowers: 1_000_000, authorHandle: 'big', platform: 'bluesky' }),
      mention(4, { authorFollowers: 5_000_000, sentiment: 'positive' }),
      mention(5, { authorFollowers: 5_000_000, sentiment: 'neutral' }),
      mention(6, { authorFollowers: null }),
    ]);
    expect(firings.map((f) => [f.dedupeKey, f.severity, f.evidence])).toEqual([
      ['influencer:x:mid', 'warning', [2]],
      ['influencer:bluesky:big', 'critical', [3]],
    ]);
    expect(firings[1]?.detail).toContain('@big (1.0M followers on bluesky)');
    expect(firings[0]?.detail).toContain('"this is awful"');
  });
});

describe('AlertService', () => {
  let store: Store;
  let clock: number;
  let service: AlertService;
  let pipeline: IngestPipeline;
  let changes: Alert[][];

  beforeEach(() => {
    store = openStore(tempDir());
    createSource(store, 'src');
    clock = T;
    const logger = createMemoryLogger();
    service = new AlertService(store, logger, () => clock);
    pipeline = new IngestPipeline(store, logger, () => clock);
    changes = [];
    service.onChange((alerts) => changes.push(alerts));
  });

  afterEach(() => store.close());

  const volume = (buckets: MinuteBucket[]) => store.volume.add(buckets.map((b) => ({ ...b, sourceId: 'src' })));
  const openOfKind = (kind: Alert['kind']) => service.open().filter((a) => a.kind === kind);

  it('stays quiet on a calm hour of real rollups', () => {
    volume(calmStream(CURRENT - 130 * MINUTE_MS, 131, 9));
    for (let i = 0; i < 60; i++) {
      clock = CURRENT - 59 * MINUTE_MS + i * MINUTE_MS + 30_000;
      service.evaluate([]);
    }
    expect(service.open()).toEqual([]);
    expect(countRows(store, 'alerts')).toBe(0);
    expect(changes).toEqual([]);
  });

  it('updates one alert while a surge continues instead of opening many', () => {
    volume([...baseline(), ...recent(80, 35)]);
    service.evaluate([]);
    const [first] = openOfKind('negative-surge');
    expect(first).toBeDefined();
    expect(first?.openedAt).toBe(T);
    expect(changes).toHaveLength(1);

    // The surge goes on into the next minutes.
    for (let i = 1; i <= 3; i++) {
      clock = T + i * MINUTE_MS;
      volume([bucket(CURRENT + i * MINUTE_MS, 80, 40)]);
      service.evaluate([]);
    }
    const surges = openOfKind('negative-surge');
    expect(surges).toHaveLength(1);
    expect(surges[0]?.id).toBe(first?.id);
    expect(surges[0]?.openedAt).toBe(T);
    expect(surges[0]?.updatedAt).toBe(T + 3 * MINUTE_MS);
    expect(surges[0]?.detail).not.toBe(first?.detail);
    expect(countRows(store, 'alerts', "kind = 'negative-surge'")).toBe(1);
  });

  it('records who acknowledged an alert and when, once', () => {
    volume([...baseline(), ...recent(80, 35)]);
    service.evaluate([]);
    const id = service.open()[0]!.id;
    clock = T + 42_000;
    const acked = service.acknowledge(id, 'Maria (night shift)');
    expect(acked).toMatchObject({ id, acknowledgedBy: 'Maria (night shift)', acknowledgedAt: T + 42_000, resolvedAt: null });
    clock = T + 90_000;
    expect(service.acknowledge(id, 'Joe')).toMatchObject({ acknowledgedBy: 'Maria (night shift)', acknowledgedAt: T + 42_000 });
    expect(store.alerts.get(id)?.acknowledgedBy).toBe('Maria (night shift)');
    expect(service.acknowledge(id + 1000, 'Joe')).toBeNull();
  });

  it('resolves a surge by itself after QUIET_BEFORE_RESOLVE_MS without firing, and opens a new one on the next surge', () => {
    volume([...baseline(), ...recent(80, 35)]);
    service.evaluate([]);
    const id = openOfKind('negative-surge')[0]!.id;

    clock = T + QUIET_BEFORE_RESOLVE_MS - 1;
    service.evaluate([]);
    expect(openOfKind('negative-surge').map((a) => a.id)).toEqual([id]);

    clock = T + QUIET_BEFORE_RESOLVE_MS;
    service.evaluate([]);
    expect(openOfKind('negative-surge')).toEqual([]);
    expect(store.alerts.get(id)?.resolvedAt).toBe(T + QUIET_BEFORE_RESOLVE_MS);
    expect(changes.at(-1)).toEqual([]);

    // A later surge is a new incident, not the old alert reopened.
    clock = T + 90 * MINUTE_MS;
    volume(minutes(floorToMinute(clock) + MINUTE_MS, 5, 20, 18));
    service.evaluate([]);
    const again = openOfKind('negative-surge');
    expect(again).toHaveLength(1);
    expect(again[0]?.id).not.toBe(id);
  });

  it('opens a source-down alert for a failing source and resolves it when the source is live again', () => {
    const source = (patch: Partial<SourceHealth>): SourceHealth => ({
      id: 'web', name: 'Web monitor', kind: 'replay', enabled: true, state: 'ok', intervalMs: 2_000,
      lastPollAt: clock, lastSuccessAt: clock, lastDeliveryAt: clock, lastError: null, lastErrorAt: null,
      consecutiveFailures: 0, nextPollAt: clock + 2_000, itemsTotal: 10, itemsSkipped: 0, ...patch,
    });
    service.evaluate([source({})]);
    expect(service.open()).toEqual([]);

    clock = T + 10_000;
    service.evaluate([source({ state: 'error', lastSuccessAt: T, lastError: 'HTTP 401 from the platform', lastErrorAt: clock, consecutiveFailures: 3 })]);
    const down = openOfKind('source-down');
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ dedupeKey: 'source-down:web', title: 'Source failing: Web monitor', severity: 'warning' });
    expect(down[0]?.detail).toContain('HTTP 401 from the platform');

    clock = T + 20_000;
    service.evaluate([source({ state: 'error', lastSuccessAt: T, lastError: 'HTTP 401 from the platform', lastErrorAt: clock, consecutiveFailures: 4 })]);
    expect(openOfKind('source-down').map((a) => a.id)).toEqual([down[0]!.id]);

    clock = T + 30_000;
    service.evaluate([source({ lastSuccessAt: clock })]);
    expect(openOfKind('source-down')).toEqual([]);
    expect(store.alerts.get(down[0]!.id)?.resolvedAt).toBe(T + 30_000);

    // Silence is also "down": nothing for many intervals makes it stale.
    clock = T + 10 * MINUTE_MS;
    service.evaluate([source({ lastSuccessAt: T + 30_000, lastPollAt: clock })]);
    expect(openOfKind('source-down')[0]?.title).toBe('Source stale: Web monitor');
  });

  it('raises one influencer alert per author from stored mentions, gathering evidence, and lets it expire', () => {
    const big = { authorHandle: 'techwithtasha', authorFollowers: 2_400_000 };
    const first = pipeline.ingest('src', [
      mentionInput('a', { ...big, publishedAt: T - 1_000, text: 'Terrible service from @KestrelMobile, avoid' }),
      mentionInput('b', { authorHandle: 'happy_big', authorFollowers: 900_000, publishedAt: T - 900, text: 'Brilliant support, thank you' }),
      mentionInput('c', { authorHandle: 'small', authorFollowers: 50, publishedAt: T - 800, text: 'Awful, awful service' }),
    ], null);
    service.checkMentions(first.stored);
    const alerts = service.open();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'influencer-complaint', severity: 'critical', dedupeKey: 'influencer:x:techwithtasha' });
    const idA = first.stored.find((m) => m.externalId === 'a')!.id;
    expect(alerts[0]?.evidence).toEqual([idA]);

    clock = T + MINUTE_MS;
    const second = pipeline.ingest('src', [mentionInput('d', { ...big, publishedAt: clock - 500, text: 'Still broken. Useless.' })], null);
    service.checkMentions(second.stored);
    const updated = service.open();
    expect(updated).toHaveLength(1);
    expect(updated[0]?.evidence).toEqual([second.stored[0]!.id, idA]);

    clock = T + MINUTE_MS + INFLUENCER_ALERT_TTL_MS - 1;
    service.evaluate([]);
    expect(service.open()).toHaveLength(1);
    clock = T + MINUTE_MS + INFLUENCER_ALERT_TTL_MS;
    service.evaluate([]);
    expect(service.open()).toEqual([]);
  });
});

describe('quote', () => {
  it('keeps short posts whole and cuts long ones at a word, marked with an ellipsis', async () => {
    const { quote } = await import('../../../electron/core/alerts/detectors');
    expect(quote('short\npost', 140)).toBe('short post');
    const long = 'Three weeks of broken promises from the operator and support keeps closing my tickets. Terrible.';
    expect(quote(long, 60)).toBe('Three weeks of broken promises from the operator and…');
    expect(quote('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});
