/**
 * The record of a source's condition (migration 009), end to end: a real feed adapter polls a real
 * 127.0.0.1 server that fails twice, then says "slow down", then answers; an operator pauses and
 * resumes it. The scheduler writes each step to `source_events`, and the replay of the source list
 * (`sourcesAt`, what `review.sources` answers) shows the source as it was at each moment.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { sourcesAt } from '../../../../electron/core/review/as-of';
import { Scheduler } from '../../../../electron/core/scheduler/scheduler';
import { FeedSource } from '../../../../electron/core/sources/feed/feed-source';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { createSource, useTempDirs, waitFor } from '../../../support/core-helpers';
import { sendBody, startScriptedServer, tooManyRequests, type ScriptedServer } from '../source-admin/support/http-server';
import { localOutboundForStore } from '../../../support/outbound';

const tempDir = useTempDirs();
const FEED = readFileSync(join(__dirname, '../../../fixtures/listening-ops/kestrel-news.xml'), 'utf8');

let store: Store;
let scheduler: Scheduler;
let server: ScriptedServer;

beforeEach(async () => {
  store = openStore(tempDir());
  const logger = createMemoryLogger();
  scheduler = new Scheduler(store, new IngestPipeline(store, logger), logger, { pollTimeoutMs: 2_000, outbound: localOutboundForStore(store) });
  server = await startScriptedServer(sendBody(FEED, 'application/rss+xml; charset=utf-8'));
});

afterEach(async () => {
  scheduler.stop();
  store.close();
  await server.close();
});

const at = (id: string, moment: number) => sourcesAt(store, moment).find((s) => s.id === id)!;

describe('the record of a source’s condition', () => {
  it('keeps failures, a rate limit, the recovery and a pause, and the replay shows each at its moment', { timeout: 30_000 }, async () => {
    const broken = sendBody('upstream exploded', 'text/plain', 503);
    server.queue.push(broken, broken, tooManyRequests({ 'retry-after': '1' }));
    createSource(store, 'news', { kind: 'feed', intervalMs: 100, config: JSON.stringify({ url: `${server.baseUrl}/feed.xml` }) });
    const record = store.sources.get('news')!;
    scheduler.add(record, FeedSource.fromJson('news', record.config));
    scheduler.start();

    await waitFor('the feed to be read after the rate limit', () => scheduler.health().find((h) => h.id === 'news')!.itemsTotal > 0, 15_000);
    // Moments a millisecond apart at least, so each event's own moment shows that event's outcome.
    await new Promise((resolve) => setTimeout(resolve, 20));
    scheduler.setEnabled('news', false);
    const pausedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    scheduler.setEnabled('news', true);

    const events = store.sourceEvents.between(0, Date.now() + 1_000);
    expect(events.map((e) => e.kind)).toEqual(['failed', 'failed', 'rate-limited', 'recovered', 'paused', 'resumed']);
    const [fail1, fail2, limited, recovered, paused, resumed] = events as [(typeof events)[number], ...typeof events];
    expect(fail1.consecutiveFailures).toBe(1);
    expect(fail2!.consecutiveFailures).toBe(2);
    expect(fail1.error).toMatch(/503/);
    expect(limited!.rateLimitedUntil! - limited!.at).toBe(1_000);
    expect(limited!.error).toMatch(/^rate limited: /);
    expect(paused!.at).toBeLessThanOrEqual(pausedAt);

    // Before anything went wrong the source had delivered nothing: idle.
    expect(at('news', fail1.at - 1)).toMatchObject({ state: 'idle', enabled: true, lastError: null, consecutiveFailures: 0 });
    expect(at('news', fail1.at)).toMatchObject({ state: 'error', lastError: fail1.error, lastErrorAt: fail1.at, consecutiveFailures: 1 });
    expect(at('news', fail2!.at)).toMatchObject({ state: 'error', consecutiveFailures: 2 });
    expect(at('news', limited!.at)).toMatchObject({ state: 'rate-limited', rateLimitedUntil: limited!.rateLimitedUntil, consecutiveFailures: 2 });
    const back = at('news', recovered!.at);
    expect(back).toMatchObject({ state: 'ok', consecutiveFailures: 0, rateLimitedUntil: null, enabled: true });
    expect(back.itemsTotal).toBeGreaterThan(0);
    expect(at('news', paused!.at)).toMatchObject({ state: 'paused', enabled: false });
    expect(at('news', resumed!.at)).toMatchObject({ state: 'ok', enabled: true });
  });
});
