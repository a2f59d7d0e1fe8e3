/**
 * The scheduler honours "slow down": a real feed adapter talks to a real 127.0.0.1 server that
 * answers 429 with Retry-After, and the scheduler waits exactly that long (within bounds), shows
 * the source as rate-limited until then, keeps the wait across a restart, and never delays the
 * other sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { MAX_RATE_LIMIT_WAIT_MS, MIN_RATE_LIMIT_WAIT_MS, rateLimitWaitMs, Scheduler } from '../../../../electron/core/scheduler/scheduler';
import { RateLimitError, type PollContext, type PollResult, type SourceAdapter } from '../../../../electron/core/sources/adapter';
import { FeedSource } from '../../../../electron/core/sources/feed/feed-source';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { countRows, createSource, mentionInput, sleep, useTempDirs, waitFor } from '../../../support/core-helpers';
import { sendBody, startScriptedServer, tooManyRequests, type ScriptedServer } from '../source-admin/support/http-server';
import { localOutboundForStore } from '../../../support/outbound';

const tempDir = useTempDirs();
const FEED = readFileSync(join(__dirname, '../../../fixtures/listening-ops/kestrel-news.xml'), 'utf8');

let store: Store;
let scheduler: Scheduler;
let server: ScriptedServer;
let logger: ReturnType<typeof createMemoryLogger>;
let dir: string;

function newScheduler(): Scheduler {
  return new Scheduler(store, new IngestPipeline(store, logger), logger, { pollTimeoutMs: 2_000, outbound: localOutboundForStore(store) });
}

function health(id: string) {
  const found = scheduler.health().find((h) => h.id === id);
  if (!found) throw new Error(`no health for ${id}`);
  return found;
}

function addFeed(id: string, intervalMs = 100): void {
  createSource(store, id, { kind: 'feed', intervalMs, config: JSON.stringify({ url: `${server.baseUrl}/feed.xml` }) });
  const record = store.sources.get(id)!;
  scheduler.add(record, FeedSource.fromJson(id, record.config));
}

/** Two new mentions per poll, for "the others keep their pace". */
class CountingAdapter implements SourceAdapter {
  polls = 0;
  async poll(context: PollContext): Promise<PollResult> {
    this.polls++;
    const n = Number(context.cursor ?? 0);
    return {
      items: [mentionInput(`c-${n}`, { publishedAt: context.now - 10 }), mentionInput(`c-${n + 1}`, { publishedAt: context.now - 5 })],
      cursor: String(n + 2),
    };
  }
}

/** Throws RateLimitError with the wait it was given, then succeeds. */
class SaysSlowDown implements SourceAdapter {
  polls = 0;
  constructor(
    private readonly retryAfterMs: number | null,
    private readonly times = 1,
  ) {}
  async poll(context: PollContext): Promise<PollResult> {
    this.polls++;
    if (this.polls <= this.times) throw new RateLimitError('the platform is rate limiting requests (HTTP 429)', this.retryAfterMs);
    return { items: [mentionInput(`s-${this.polls}`, { publishedAt: context.now })], cursor: String(this.polls) };
  }
}

beforeEach(async () => {
  dir = tempDir();
  store = openStore(dir);
  logger = createMemoryLogger();
  scheduler = newScheduler();
  server = await startScriptedServer(sendBody(FEED, 'application/rss+xml; charset=utf-8'));
});

afterEach(async () => {
  scheduler.stop();
  store.close();
  await server.close();
});

describe('rate limits from a real HTTP server', () => {
  it('waits exactly the Retry-After, shows rate-limited until then, and recovers', async () => {
    server.queue.push(tooManyRequests({ 'retry-after': '2' }));
    addFeed('news');
    const counting = new CountingAdapter();
    createSource(store, 'busy', { intervalMs: 50 });
    scheduler.add(store.sources.get('busy')!, counting);
    scheduler.start();

    const limited = await waitFor('the 429 to be seen', () => {
      const h = health('news');
      return h.state === 'rate-limited' ? h : null;
    });
    expect(limited.rateLimitedUntil! - limited.lastErrorAt!).toBe(2_000);
    expect(limited.nextPollAt).toBe(limited.rateLimitedUntil);
    expect(limited.consecutiveFailures).toBe(0);
    expect(limited.lastError).toMatch(/^rate limited: .*HTTP 429/);
    // Kept in the sources table, so a restart honours it too.
    expect(store.sources.get('news')?.rateLimitedUntil).toBe(limited.rateLimitedUntil);

    // Meanwhile the other source keeps its own pace.
    const pollsAtLimit = counting.polls;
    await sleep(1_000);
    expect(health('news').state).toBe('rate-limited');
    expect(server.requests).toHaveLength(1);
    expect(counting.polls).toBeGreaterThanOrEqual(pollsAtLimit + 8);

    await waitFor('the feed to be read after the wait', () => health('news').itemsTotal === 2, 5_000);
    expect(server.requests[1]!.at).toBeGreaterThanOrEqual(limited.rateLimitedUntil!);
    const recovered = health('news');
    expect(['ok', 'polling']).toContain(recovered.state);
    expect(recovered.rateLimitedUntil).toBeNull();
    expect(store.sources.get('news')?.rateLimitedUntil).toBeNull();
    expect(countRows(store, 'mentions', 'source_id = ?', 'news')).toBe(2);
    expect(logger.lines.some((l) => l.includes('source rate limited') && l.includes('retryInMs=2000'))).toBe(true);
  });

  it('reads an HTTP-date Retry-After the same way', async () => {
    // Whole seconds, as HTTP dates are; at least 2 s ahead so it is not in the past on arrival.
    const at = Math.ceil((Date.now() + 3_000) / 1000) * 1000;
    server.queue.push(tooManyRequests({ 'retry-after': new Date(at).toUTCString() }));
    addFeed('news');
    scheduler.start();
    const limited = await waitFor('the 429', () => {
      const h = health('news');
      return h.state === 'rate-limited' ? h : null;
    });
    // The adapter turned the date into a wait measured from its own clock reading.
    expect(Math.abs(limited.rateLimitedUntil! - at)).toBeLessThan(250);
  });

  it('keeps waiting after a restart instead of asking again at once', async () => {
    server.queue.push(tooManyRequests({ 'retry-after': '600' }));
    addFeed('news');
    scheduler.start();
    const limited = await waitFor('the 429', () => {
      const h = health('news');
      return h.state === 'rate-limited' ? h : null;
    });
    scheduler.stop();

    // A new scheduler on the same database, as after a restart of the app.
    scheduler = newScheduler();
    const record = store.sources.get('news')!;
    expect(record.rateLimitedUntil).toBe(limited.rateLimitedUntil);
    scheduler.add(record, FeedSource.fromJson('news', record.config));
    scheduler.start();
    const after = health('news');
    expect(after.state).toBe('rate-limited');
    expect(after.rateLimitedUntil).toBe(limited.rateLimitedUntil);
    expect(after.nextPollAt).toBe(limited.rateLimitedUntil);
    await sleep(400);
    expect(server.requests).toHaveLength(1);

    // Pausing and resuming does not jump the queue either.
    scheduler.setEnabled('news', false);
    expect(scheduler.setEnabled('news', true)?.state).toBe('rate-limited');
    await sleep(200);
    expect(server.requests).toHaveLength(1);
  });
});

describe('rate-limit waits are bounded', () => {
  it('floors a zero wait to a second and caps a huge one at an hour', () => {
    expect(rateLimitWaitMs(0)).toBe(MIN_RATE_LIMIT_WAIT_MS);
    expect(rateLimitWaitMs(-5_000)).toBe(MIN_RATE_LIMIT_WAIT_MS);
    expect(rateLimitWaitMs(2_500)).toBe(2_500);
    expect(rateLimitWaitMs(7 * 24 * 3_600_000)).toBe(MAX_RATE_LIMIT_WAIT_MS);
  });

  it('applies the floor in the scheduler: "retry after 0" still waits a second', async () => {
    createSource(store, 'zero', { intervalMs: 20 });
    const adapter = new SaysSlowDown(0);
    scheduler.add(store.sources.get('zero')!, adapter);
    scheduler.start();
    const limited = await waitFor('the rate limit', () => {
      const h = health('zero');
      return h.state === 'rate-limited' ? h : null;
    });
    expect(limited.rateLimitedUntil! - limited.lastErrorAt!).toBe(MIN_RATE_LIMIT_WAIT_MS);
    await sleep(500);
    expect(adapter.polls).toBe(1);
    await waitFor('the retry', () => adapter.polls === 2, 3_000);
  });

  it('caps an absurd wait at an hour', async () => {
    createSource(store, 'huge', { intervalMs: 20 });
    scheduler.add(store.sources.get('huge')!, new SaysSlowDown(30 * 24 * 3_600_000));
    scheduler.start();
    const limited = await waitFor('the rate limit', () => {
      const h = health('huge');
      return h.state === 'rate-limited' ? h : null;
    });
    expect(limited.rateLimitedUntil! - limited.lastErrorAt!).toBe(MAX_RATE_LIMIT_WAIT_MS);
  });

  it('backs off (never sooner than the interval) when the platform does not say how long', async () => {
    createSource(store, 'silent', { intervalMs: 200 });
    const adapter = new SaysSlowDown(null, 3);
    scheduler.add(store.sources.get('silent')!, adapter);
    scheduler.start();
    const limited = await waitFor('the rate limit', () => {
      const h = health('silent');
      return h.state === 'rate-limited' ? h : null;
    });
    const wait = limited.rateLimitedUntil! - limited.lastErrorAt!;
    expect(wait).toBeGreaterThanOrEqual(200);
    expect(wait).toBeLessThanOrEqual(300);
    // Not counted as failures: the platform works, it asked us to wait.
    expect(limited.consecutiveFailures).toBe(0);
  });
});
