/**
 * The adapters inside the real scheduler, pipeline and SQLite store, against real servers: a burst
 * that needs several polls is drained through `moreAvailable` with nothing lost or repeated, and a
 * platform's 429 puts the source in the rate-limited state for exactly the wait it asked for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { Scheduler } from '../../../../electron/core/scheduler/scheduler';
import { createAdapter } from '../../../../electron/core/sources/registry';
import { REDDIT_MAX_PAGES, REDDIT_PAGE_SIZE } from '../../../../electron/core/sources/reddit/reddit-source';
import type { RedditThing } from '../../../../electron/core/sources/reddit/map-post';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { countRows, createSource, useTempDirs, waitFor } from '../../../support/core-helpers';
import { fixtureJson, startFixtureServer } from '../sources/support/fixture-server';
import { localOutboundForStore } from '../../../support/outbound';

const tempDir = useTempDirs();
const TEMPLATE = fixtureJson<RedditThing>('reddit', 'post-template.json');
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanup.splice(0).reverse()) fn();
});

function rig(kind: 'reddit' | 'x', config: object): { store: Store; scheduler: Scheduler } {
  const store = openStore(tempDir());
  createSource(store, 'src', { kind, config: JSON.stringify(config), intervalMs: 60_000 });
  const pipeline = new IngestPipeline(store, createMemoryLogger());
  const scheduler = new Scheduler(store, pipeline, createMemoryLogger(), { pollTimeoutMs: 5_000, outbound: localOutboundForStore(store) });
  const record = store.sources.get('src')!;
  scheduler.add(record, createAdapter(record));
  cleanup.push(
    () => store.close(),
    () => scheduler.stop(),
  );
  return { store, scheduler };
}

describe('adapters in the scheduler', () => {
  it('a Reddit burst bigger than one poll is drained at once through moreAvailable: every post stored once', async () => {
    const total = REDDIT_PAGE_SIZE * REDDIT_MAX_PAGES * 2 + 17;
    let generated: RedditThing[] = [{ kind: 't3', data: { ...TEMPLATE.data, id: 'seed', name: 't3_seed', created_utc: 1741900000 } }];
    const server = await startFixtureServer((req) => {
      const limit = Number(req.query.get('limit'));
      const after = req.query.get('after');
      const start = after === null ? 0 : generated.findIndex((t) => t.data!.name === after) + 1;
      const page = generated.slice(start, start + limit);
      return { json: { kind: 'Listing', data: { after: start + limit < generated.length ? page.at(-1)!.data!.name : null, children: page } } };
    });
    const { store, scheduler } = rig('reddit', { baseUrl: server.url, query: 'kestrel' });
    scheduler.start();
    await waitFor('the first poll', () => countRows(store, 'mentions') === 1);

    // The burst arrives; the next poll is a minute away, so trigger one by pausing and resuming.
    generated = [
      ...Array.from({ length: total }, (_, i) => ({
        kind: 't3',
        data: { ...TEMPLATE.data, id: `b${i}`, name: `t3_b${i}`, created_utc: 1741950000 + total - i },
      })),
      ...generated,
    ];
    scheduler.setEnabled('src', false);
    scheduler.setEnabled('src', true);
    await waitFor('the burst to be stored', () => countRows(store, 'mentions') === total + 1, 15_000);
    expect(countRows(store, 'mentions', "external_id LIKE 't3_b%'")).toBe(total);
    // One run over several polls: only its first request starts from the newest page, every later one continues with `after`.
    const afterTokens = server.requests.slice(1).map((r) => r.query.get('after'));
    expect(afterTokens.filter((a) => a === null)).toHaveLength(1);
    expect(scheduler.health()[0]).toMatchObject({ state: 'ok', itemsTotal: total + 1 });
  });

  it('X answering 429 with Retry-After puts the source in the rate-limited state until then', async () => {
    const server = await startFixtureServer(() => ({
      status: 429,
      headers: { 'retry-after': '120' },
      json: { title: 'Too Many Requests', status: 429, detail: 'Too Many Requests' },
    }));
    const token = 'AAAAAAAAAAAAAAAAAAAAAsecret-bearer';
    const { scheduler } = rig('x', { baseUrl: server.url, query: 'kestrel', bearerToken: token });
    const before = Date.now();
    scheduler.start();
    const health = await waitFor('the rate limit', () => scheduler.health().find((h) => h.state === 'rate-limited'));
    expect(health.rateLimitedUntil).toBeGreaterThanOrEqual(before + 120_000);
    expect(health.rateLimitedUntil).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(health.lastError).toContain('X is rate limiting requests (HTTP 429)');
    expect(health.lastError).not.toContain(token);
    expect(server.requests).toHaveLength(1);
  });
});
