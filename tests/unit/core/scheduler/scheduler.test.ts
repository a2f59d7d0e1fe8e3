import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { startCore } from '../../../../electron/core/app/start-core';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { backoffDelay, MAX_BACKOFF_MS } from '../../../../electron/core/scheduler/backoff';
import { Scheduler } from '../../../../electron/core/scheduler/scheduler';
import type { PollContext, PollResult, SourceAdapter } from '../../../../electron/core/sources/adapter';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { countRows, createSource, mentionInput, sleep, useTempDirs, waitFor } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const INTERVAL_MS = 40;
const POLL_TIMEOUT_MS = 300;

/** Test doubles of external platforms, each implementing the real adapter interface. */
class ThrowingAdapter implements SourceAdapter {
  polls = 0;
  async poll(): Promise<PollResult> {
    this.polls++;
    throw new Error('platform answered 503 Service Unavailable');
  }
}

class HangingAdapter implements SourceAdapter {
  polls = 0;
  readonly signals: AbortSignal[] = [];
  poll(context: PollContext): Promise<PollResult> {
    this.polls++;
    this.signals.push(context.signal);
    return new Promise<PollResult>(() => undefined);
  }
}

/** Two new mentions per poll; the cursor is the number delivered so far. */
class HealthyAdapter implements SourceAdapter {
  polls = 0;
  readonly cursors: Array<string | null> = [];
  constructor(
    private readonly prefix: string,
    private readonly answer: (poll: number) => Partial<PollResult> = () => ({}),
  ) {}
  async poll(context: PollContext): Promise<PollResult> {
    this.polls++;
    this.cursors.push(context.cursor);
    const n = Number(context.cursor ?? 0);
    return {
      items: [
        mentionInput(`${this.prefix}-${n}`, { publishedAt: context.now - 100 }),
        mentionInput(`${this.prefix}-${n + 1}`, { publishedAt: context.now - 50 }),
      ],
      cursor: String(n + 2),
      ...this.answer(this.polls),
    };
  }
}

/** Answers after `delayMs`, whatever happened meanwhile. */
class SlowAdapter implements SourceAdapter {
  polls = 0;
  constructor(private readonly delayMs: number) {}
  async poll(context: PollContext): Promise<PollResult> {
    this.polls++;
    await sleep(this.delayMs);
    return { items: [mentionInput(`slow-${this.polls}`, { publishedAt: context.now })], cursor: `slow-${this.polls}` };
  }
}

let store: Store;
let scheduler: Scheduler;

/** One stored source row per adapter (mentions reference it), registered with the scheduler. */
function setUp(adapters: Record<string, SourceAdapter>, intervalMs = INTERVAL_MS): void {
  for (const [id, adapter] of Object.entries(adapters)) {
    createSource(store, id, { intervalMs });
    scheduler.add(store.sources.get(id)!, adapter);
  }
}

function health(id: string) {
  const found = scheduler.health().find((h) => h.id === id);
  if (!found) throw new Error(`no health for ${id}`);
  return found;
}

let logger: ReturnType<typeof createMemoryLogger>;

beforeEach(() => {
  store = openStore(tempDir());
  logger = createMemoryLogger();
  scheduler = new Scheduler(store, new IngestPipeline(store, logger), logger, { pollTimeoutMs: POLL_TIMEOUT_MS });
});

afterEach(() => {
  scheduler.stop();
  store.close();
});

describe('Scheduler', () => {
  it('keeps a healthy source delivering while one throws and another hangs', async () => {
    const throwing = new ThrowingAdapter();
    const hanging = new HangingAdapter();
    const healthy = new HealthyAdapter('h');
    setUp({ throwing, hanging, healthy });
    scheduler.start();

    await waitFor('the hanging source to time out', () => health('hanging').lastError);
    // Caught between two attempts: failed three times or more, its next try scheduled.
    const waiting = await waitFor('the throwing source to fail three times', () => {
      const h = health('throwing');
      return h.consecutiveFailures >= 3 && h.state === 'error' && h.nextPollAt !== null ? h : null;
    });
    // Exponential backoff with jitter: 0.5 to 1.5 times interval × 2^(failures − 1).
    const base = INTERVAL_MS * 2 ** (waiting.consecutiveFailures - 1);
    const delay = waiting.nextPollAt! - waiting.lastErrorAt!;
    expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.5));
    expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.5) + 1);
    const deliveredAfterFailures = health('healthy').itemsTotal;
    await waitFor('the healthy source to keep delivering', () => health('healthy').itemsTotal >= deliveredAfterFailures + 10);

    const bad = health('throwing');
    expect(bad.state).toBe('error');
    expect(bad.lastError).toBe('platform answered 503 Service Unavailable');
    expect(bad.lastErrorAt).not.toBeNull();
    expect(bad.itemsTotal).toBe(0);
    expect(bad.consecutiveFailures).toBe(throwing.polls - (bad.state === 'polling' ? 1 : 0));
    expect(throwing.polls).toBeLessThan(healthy.polls);

    const hung = health('hanging');
    expect(hung.lastError).toMatch(/timed out/);
    expect(hung.consecutiveFailures).toBeGreaterThanOrEqual(1);
    expect(hanging.signals[0]?.aborted).toBe(true);

    const good = health('healthy');
    expect(good.consecutiveFailures).toBe(0);
    expect(good.lastError).toBeNull();
    expect(['ok', 'polling']).toContain(good.state);
    // Each poll got the cursor the previous one returned.
    expect(healthy.cursors.slice(0, 4)).toEqual([null, '2', '4', '6']);

    // Failures are in the sources table, not only in memory.
    const stored = store.sources.get('throwing')!;
    expect(stored.lastError).toBe('platform answered 503 Service Unavailable');
    expect(stored.lastErrorAt).not.toBeNull();
    expect(store.sources.get('hanging')?.lastError).toMatch(/timed out/);
    expect(store.sources.get('healthy')?.lastError).toBeNull();
    expect(countRows(store, 'mentions', 'source_id = ?', 'healthy')).toBe(good.itemsTotal);
    expect(countRows(store, 'mentions', 'source_id != ?', 'healthy')).toBe(0);
    expect(logger.lines.some((l) => l.includes('source poll failed') && l.includes('503'))).toBe(true);

    scheduler.stop();
    const polls = healthy.polls + throwing.polls;
    await sleep(200);
    expect(healthy.polls + throwing.polls).toBe(polls);
  });

  it('setEnabled(false) pauses a source and setEnabled(true) resumes it', async () => {
    const healthy = new HealthyAdapter('p');
    setUp({ healthy });
    scheduler.start();
    await waitFor('a few polls', () => healthy.polls >= 3);

    const paused = scheduler.setEnabled('healthy', false);
    expect(paused?.state).toBe('paused');
    expect(paused?.enabled).toBe(false);
    expect(paused?.nextPollAt).toBeNull();
    expect(store.sources.get('healthy')?.enabled).toBe(false);
    const polls = healthy.polls;
    const items = countRows(store, 'mentions');
    await sleep(8 * INTERVAL_MS);
    expect(healthy.polls).toBe(polls);
    expect(countRows(store, 'mentions')).toBe(items);

    const resumed = scheduler.setEnabled('healthy', true);
    expect(resumed?.enabled).toBe(true);
    expect(store.sources.get('healthy')?.enabled).toBe(true);
    await waitFor('polling to resume', () => healthy.polls >= polls + 3);
    expect(countRows(store, 'mentions')).toBeGreaterThan(items);

    expect(scheduler.setEnabled('no-such-source', false)).toBeNull();
  });

  it('ignores the answer of a poll that was in flight when the source was paused', async () => {
    const slow = new SlowAdapter(150);
    setUp({ slow });
    scheduler.start();
    await waitFor('the first poll to start', () => slow.polls >= 1);
    scheduler.setEnabled('slow', false);
    await sleep(300);
    expect(countRows(store, 'mentions')).toBe(0);
    expect(store.sources.get('slow')?.cursor).toBeNull();
    expect(health('slow').state).toBe('paused');
  });

  it('discards a late answer that arrives after the poll timed out', async () => {
    store.close();
    store = openStore(tempDir());
    scheduler = new Scheduler(store, new IngestPipeline(store, logger), logger, { pollTimeoutMs: 100 });
    const slow = new SlowAdapter(250);
    createSource(store, 'slow', { intervalMs: 5_000 });
    scheduler.add(store.sources.get('slow')!, slow);
    scheduler.start();
    await waitFor('the timeout', () => health('slow').lastError);
    await sleep(300); // the answer arrives meanwhile
    expect(health('slow').lastError).toMatch(/timed out/);
    expect(countRows(store, 'mentions')).toBe(0);
    expect(store.sources.get('slow')?.cursor).toBeNull();
  });

  it('stops polling an adapter that says it is done, and polls at once when it says more is available', async () => {
    const finite = new HealthyAdapter('f', (poll) => (poll < 3 ? { moreAvailable: true } : { done: true }));
    // A long interval: only moreAvailable can explain quick successive polls.
    createSource(store, 'finite', { intervalMs: 60_000 });
    scheduler.add(store.sources.get('finite')!, finite);
    scheduler.start();

    await waitFor('the source to finish', () => health('finite').state === 'done', 2_000);
    expect(finite.polls).toBe(3);
    expect(health('finite').itemsTotal).toBe(6);
    expect(health('finite').nextPollAt).toBeNull();
    await sleep(200);
    expect(finite.polls).toBe(3);
  });

  it('shows a source whose settings are broken as failing, and keeps it so across pause and resume', () => {
    createSource(store, 'broken', { kind: 'replay', intervalMs: INTERVAL_MS });
    scheduler.add(store.sources.get('broken')!, null, 'source broken: file: Too small');
    scheduler.start();
    expect(health('broken')).toMatchObject({ state: 'error', lastError: 'source broken: file: Too small' });
    expect(health('broken').lastErrorAt).not.toBeNull();

    expect(scheduler.setEnabled('broken', false)?.state).toBe('paused');
    // Re-enabling cannot fix its settings: it must still say it is failing, not "idle".
    expect(scheduler.setEnabled('broken', true)?.state).toBe('error');
  });
});

describe('Scheduler inside startCore', () => {
  it('shows sources with broken settings as failing while the demo source runs', async () => {
    const dir = tempDir();
    const seed = openStore(dir);
    createSource(seed, 'garbled', { kind: 'replay', config: '{"file": "x.csv", oops' });
    createSource(seed, 'alien', { kind: 'rss' as never, config: '{}' });
    seed.close();

    const missing = join(dir, 'no-such-file.csv');
    const core = await startCore({
      dataDir: dir,
      version: 'test',
      logger: createMemoryLogger(),
      demo: { ratePerMinute: 1_200, episodeEveryMinutes: null },
      replays: [{ file: missing, speed: 'max', timestamps: 'shifted' }],
    });
    try {
      const byId = () => new Map(core.health().sources.map((s) => [s.id, s]));
      await waitFor('the demo to deliver and the replay to fail', () => {
        const s = byId();
        return (s.get('demo')?.itemsTotal ?? 0) > 0 && [...s.values()].some((x) => x.kind === 'replay' && x.lastError?.includes('cannot be read'));
      });
      const sources = byId();
      const replay = [...sources.values()].find((s) => s.lastError?.includes('no-such-file.csv'))!;
      expect(replay.state).toBe('error');
      expect(replay.lastError).toMatch(/ENOENT/);
      expect(sources.get('garbled')).toMatchObject({ state: 'error', lastError: 'source garbled: its stored settings are not valid JSON' });
      expect(sources.get('alien')).toMatchObject({ state: 'error' });
      expect(sources.get('alien')?.lastError).toMatch(/unknown kind "rss"/);
      expect(sources.get('demo')).toMatchObject({ state: 'ok', lastError: null });
      expect(core.health().status).toBe('degraded');
      expect(core.health().mentions).toBeGreaterThan(0);
    } finally {
      await core.stop();
    }
  });
});

describe('backoffDelay', () => {
  const middle = () => 0.5;

  it('doubles with each consecutive failure, starting at the interval', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(1_000, n, middle))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(backoffDelay(1_000, 0, middle)).toBe(1_000);
  });

  it('caps the base at MAX_BACKOFF_MS, even for huge failure counts', () => {
    expect(backoffDelay(1_000, 12, middle)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(1_000, 10_000, middle)).toBe(MAX_BACKOFF_MS);
    expect(Number.isFinite(backoffDelay(60_000, 1e9, middle))).toBe(true);
  });

  it('jitters between half and one and a half times the base', () => {
    expect(backoffDelay(1_000, 3, () => 0)).toBe(2_000);
    expect(backoffDelay(1_000, 3, () => 0.999_999)).toBe(6_000);
    expect(backoffDelay(1_000, 50, () => 0)).toBe(MAX_BACKOFF_MS / 2);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(2_000, 4);
      expect(d).toBeGreaterThanOrEqual(8_000);
      expect(d).toBeLessThanOrEqual(24_000);
    }
  });
});
