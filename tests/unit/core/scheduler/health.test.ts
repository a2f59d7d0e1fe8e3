/**
 * Source health beyond "ok / error": items per minute over the recent past, lag behind the newest
 * stored mention (kept in the sources table in the ingest transaction, so it survives a restart),
 * and the migration that fills it for data stored before it existed.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { RATE_WINDOW_MS, Scheduler } from '../../../../electron/core/scheduler/scheduler';
import type { PollContext, PollResult, SourceAdapter } from '../../../../electron/core/sources/adapter';
import { migrate } from '../../../../electron/core/store/database';
import { MIGRATIONS } from '../../../../electron/core/store/migrations';
import { DATABASE_FILE, openStore, type Store } from '../../../../electron/core/store/store';
import { sourceFreshness } from '@shared/logic/freshness';
import { freshnessText } from '@shared/logic/freshness-text';
import { lagText, rateLimitText, rateText } from '@shared/logic/source-health-text';
import { createSource, mentionInput, useTempDirs, waitFor } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const MINUTE = 60_000;

/** Delivers `perPoll` mentions published `ageMs` before the poll, numbered on from its cursor. */
class Steady implements SourceAdapter {
  polls = 0;
  constructor(
    private readonly perPoll: number,
    private readonly ageMs: number,
  ) {}
  async poll(context: PollContext): Promise<PollResult> {
    this.polls++;
    const n = Number(context.cursor ?? 0);
    const items = Array.from({ length: this.perPoll }, (_, i) => mentionInput(`m-${n + i}`, { publishedAt: context.now - this.ageMs - i }));
    return { items, cursor: String(n + this.perPoll) };
  }
}

let dir: string;
let store: Store;
let clock: number;
let scheduler: Scheduler;

function build(): Scheduler {
  const logger = createMemoryLogger();
  const now = () => clock;
  return new Scheduler(store, new IngestPipeline(store, logger, now), logger, { now, pollTimeoutMs: 1_000 });
}

function health(id: string) {
  const found = scheduler.health().find((h) => h.id === id);
  if (!found) throw new Error(`no health for ${id}`);
  return found;
}

beforeEach(() => {
  dir = tempDir();
  store = openStore(dir);
  clock = T0;
  scheduler = build();
});

afterEach(() => {
  scheduler.stop();
  store.close();
});

describe('items per minute and lag', () => {
  it('counts what was stored over the recent window and forgets what is older', async () => {
    createSource(store, 'steady', { intervalMs: 60_000 });
    const adapter = new Steady(6, 30_000);
    scheduler.add(store.sources.get('steady')!, adapter);
    expect(health('steady')).toMatchObject({ itemsPerMinute: 0, newestPublishedAt: null, lagMs: null, rateLimitedUntil: null });
    scheduler.start();
    await waitFor('the first poll', () => health('steady').itemsTotal === 6);

    // Within the first minute the rate is per minute watched, at least one minute: 6/min.
    expect(health('steady').itemsPerMinute).toBe(6);
    // Lag: the newest stored mention was published 30 s before the poll.
    expect(health('steady').newestPublishedAt).toBe(T0 - 30_000);
    expect(health('steady').lagMs).toBe(30_000);
    clock += 10_000;
    expect(health('steady').lagMs).toBe(40_000);

    // Three minutes on: the same 6 mentions over 3 minutes watched.
    clock = T0 + 3 * MINUTE;
    expect(health('steady').itemsPerMinute).toBe(2);
    // Past the window: nothing recent.
    clock = T0 + RATE_WINDOW_MS + 1;
    expect(health('steady').itemsPerMinute).toBe(0);
    expect(health('steady').itemsTotal).toBe(6);
  });

  it('keeps the newest publication time in the sources table, so lag survives a restart', async () => {
    createSource(store, 'steady', { intervalMs: 60_000 });
    scheduler.add(store.sources.get('steady')!, new Steady(3, 5_000));
    scheduler.start();
    await waitFor('the first poll', () => health('steady').itemsTotal === 3);
    expect(store.sources.get('steady')?.newestPublishedAt).toBe(T0 - 5_000);
    scheduler.stop();

    clock = T0 + 2 * MINUTE;
    scheduler = build();
    scheduler.add(store.sources.get('steady')!, new Steady(0, 0));
    const restarted = health('steady');
    expect(restarted.newestPublishedAt).toBe(T0 - 5_000);
    expect(restarted.lagMs).toBe(2 * MINUTE + 5_000);
    expect(restarted.itemsPerMinute).toBe(0);
  });

  it('never moves the newest time backwards when an older mention arrives late', () => {
    createSource(store, 'src');
    const pipeline = new IngestPipeline(store, createMemoryLogger(), () => clock);
    scheduler = new Scheduler(store, pipeline, createMemoryLogger(), { now: () => clock });
    pipeline.ingest('src', [mentionInput('new', { publishedAt: T0 - 1_000 })], 'c1');
    pipeline.ingest('src', [mentionInput('old', { publishedAt: T0 - 90_000 })], 'c2');
    expect(store.sources.get('src')?.newestPublishedAt).toBe(T0 - 1_000);
  });

  it('rolls the newest time back with a batch that rolls back', () => {
    createSource(store, 'src');
    const pipeline = new IngestPipeline(store, createMemoryLogger(), () => clock);
    scheduler = new Scheduler(store, pipeline, createMemoryLogger(), { now: () => clock });
    pipeline.addStoredHook(() => {
      throw new Error('a later hook failed');
    });
    expect(() => pipeline.ingest('src', [mentionInput('a', { publishedAt: T0 - 1_000 })], 'c1')).toThrow('a later hook failed');
    expect(store.sources.get('src')?.newestPublishedAt).toBeNull();
  });
});

describe('migration 003 on a database written before it', () => {
  it('fills the newest publication time of each source from its stored mentions', () => {
    const folder = tempDir();
    const file = join(folder, DATABASE_FILE);
    const db = new Database(file);
    migrate(db, file, MIGRATIONS.slice(0, 2));
    db.prepare(
      `INSERT INTO sources (id, kind, name, config, interval_ms, created_at) VALUES ('a', 'demo', 'A', '{}', 1000, 0), ('b', 'demo', 'B', '{}', 1000, 0)`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO mentions (source_id, external_id, platform, text, published_at, ingested_at, author_handle, sentiment, sentiment_score) VALUES (?, ?, 'x', 't', ?, 0, 'h', 'neutral', 0)`,
    );
    insert.run('a', '1', T0 - 500);
    insert.run('a', '2', T0 - 100);
    insert.run('a', '3', T0 - 900);
    db.close();

    const migrated = openStore(folder);
    try {
      expect(migrated.sources.get('a')).toMatchObject({ newestPublishedAt: T0 - 100, rateLimitedUntil: null, deletedAt: null });
      expect(migrated.sources.get('b')?.newestPublishedAt).toBeNull();
    } finally {
      migrated.close();
    }
  });
});

describe('health in words', () => {
  const base = {
    id: 's',
    name: 'S',
    kind: 'feed' as const,
    enabled: true,
    state: 'ok' as const,
    intervalMs: 60_000,
    lastPollAt: T0 - 1_000,
    lastSuccessAt: T0 - 1_000,
    lastDeliveryAt: T0 - 1_000,
    lastError: null,
    lastErrorAt: null,
    consecutiveFailures: 0,
    nextPollAt: T0 + 59_000,
    itemsTotal: 5,
    itemsSkipped: 0,
    itemsPerMinute: 2.5,
    newestPublishedAt: T0 - 125_000,
    lagMs: 125_000,
    rateLimitedUntil: null,
  };

  it('words rate and lag', () => {
    expect(rateText(2.5)).toBe('2.5/min');
    expect(rateText(31.4)).toBe('31/min');
    expect(rateText(0)).toBe('0/min');
    expect(lagText(base, T0)).toBe('lag 2 min');
    expect(lagText({ newestPublishedAt: null }, T0)).toBeNull();
  });

  it('adds the rate limit to the freshness text while it lasts, and marks a silent one stale', () => {
    const limited = { ...base, state: 'rate-limited' as const, rateLimitedUntil: T0 + 180_000, lastError: 'rate limited: HTTP 429', lastErrorAt: T0 - 1_000 };
    expect(sourceFreshness(limited, T0)).toBe('live');
    expect(freshnessText(limited, 'live', T0)).toBe('live · 1 s ago · RATE-LIMITED · next try in 3 min');
    expect(rateLimitText(limited, T0 + 180_000)).toBeNull();
    // A long rate limit does not hide that no data arrives: it goes stale like any silent source.
    const later = T0 + 10 * MINUTE;
    expect(sourceFreshness({ ...limited, rateLimitedUntil: T0 + 60 * MINUTE }, later)).toBe('stale');
    expect(freshnessText({ ...limited, rateLimitedUntil: T0 + 60 * MINUTE }, 'stale', later)).toBe(
      'STALE · no data for 10 min · RATE-LIMITED · next try in 50 min',
    );
    expect(freshnessText({ ...limited, enabled: false }, 'paused', T0)).toBe('paused');
  });
});
