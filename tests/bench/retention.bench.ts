/**
 * `npm run bench:retention`: what removing expired posts through the derived-tables registry costs
 * per retention batch (2,000 posts, one transaction that ingest waits for), against a floor
 * measured in the same run on an identical copy: forgetting the same posts' full-text rows and
 * deleting them, with nothing rebuilt (the cascades and the author-hour trigger still run).
 *
 * The record: 2 days of posts through the real ingest pipeline (analysis, topic tags, stories,
 * rollups), 1 topic; retention keeps the last day.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import type { MentionInput } from '@shared/domain/mention';
import { buildServices } from '../../electron/core/app/services';
import { createMemoryLogger } from '../../electron/core/base/logger';
import { PRUNE_BATCH } from '../../electron/core/review/review-service';
import { DATABASE_FILE, openStore, type Store } from '../../electron/core/store/store';
import { extractTerms } from '../../electron/core/understanding/terms';

const POSTS = Number(process.env.BENCH_POSTS ?? 60_000);
const SPAN_MS = 2 * 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
const WORDS = ['outage', 'love', 'terrible', 'app', 'support', 'billing', 'down', 'fast', 'crash', 'thanks', '#kestreldown', 'battery'];

function record(dir: string): void {
  const store = openStore(dir);
  store.db.prepare("INSERT INTO sources (id, kind, name, config, interval_ms, created_at) VALUES ('src', 'demo', 'S', '{}', 1000, 0)").run();
  const services = buildServices(store, createMemoryLogger(), () => NOW, { webhook: { host: '127.0.0.1', port: 0 } });
  services.topics.create({ name: 'Outage', kind: 'brand', query: 'outage OR down' });
  for (let b = 0; b < POSTS / 1000; b++) {
    const items: MentionInput[] = Array.from({ length: 1000 }, (_, j) => {
      const i = b * 1000 + j;
      return {
        externalId: `m${i}`,
        platform: 'x',
        text: `${WORDS[i % 12]} ${WORDS[(i * 7) % 12]} ${WORDS[(i * 5) % 12]} post ${i % 97}`,
        publishedAt: NOW - SPAN_MS + Math.floor((i * SPAN_MS) / POSTS),
        url: null,
        lang: 'en',
        authorHandle: `a${i % 500}`,
        authorName: null,
        authorFollowers: i % 1000,
        authorVerified: false,
        likes: 1,
        reposts: 0,
        replies: 0,
        replyTo: null,
        episode: null,
      };
    });
    services.pipeline.ingest('src', items, null);
  }
  services.care.stop();
  store.checkpoint();
  store.close();
}

/** Milliseconds per batch, removing every expired post batch by batch. */
function timeBatches(store: Store, remove: (ids: number[]) => void): number[] {
  const cutoff = NOW - 86_400_000;
  const times: number[] = [];
  for (;;) {
    const ids = store.record.expiredMentions(cutoff, PRUNE_BATCH);
    if (ids.length === 0) break;
    const t0 = performance.now();
    store.transaction(() => remove(ids));
    times.push(performance.now() - t0);
  }
  return times;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function main(): void {
  const root = mkdtempSync(join(tmpdir(), 'earshot-retention-bench-'));
  try {
    const original = join(root, 'original');
    record(original);
    const copies = ['registry', 'floor'].map((name) => {
      mkdirSync(join(root, name));
      copyFileSync(join(original, DATABASE_FILE), join(root, name, DATABASE_FILE));
      return openStore(join(root, name));
    });
    const [registry, floor] = copies as [Store, Store];
    // The floor first, then the registry: a warm page cache favours the second, not the one measured against.
    const forgetAndDelete = floorRemoval(floor);
    const floorTimes = timeBatches(floor, forgetAndDelete);
    const registryTimes = timeBatches(registry, (ids) => registry.derived.removeMentions(ids, 'retention', { termsOf: extractTerms }));
    for (const store of copies) store.close();
    const line = (name: string, xs: number[]) =>
      `${name.padEnd(34)} ${String(xs.length).padStart(4)} batches  median ${median(xs).toFixed(0).padStart(5)} ms  max ${Math.max(...xs)
        .toFixed(0)
        .padStart(5)} ms`;
    console.log(
      `retention of ${POSTS / 2} of ${POSTS} posts in batches of ${PRUNE_BATCH} (${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
    );
    console.log(line('floor: full text + delete only', floorTimes));
    console.log(line('registry: + rollups rebuilt', registryTimes));
    console.log(`registry / floor (median): ${(median(registryTimes) / median(floorTimes)).toFixed(2)}x`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The floor: what any removal must do (the index needs each text; the row goes), and no more. */
function floorRemoval(store: Store): (ids: number[]) => void {
  const forget = store.db.prepare(
    "INSERT INTO mentions_fts(mentions_fts, rowid, text) SELECT 'delete', id, text FROM mentions WHERE id IN (SELECT value FROM json_each(?))",
  );
  const remove = store.db.prepare('DELETE FROM mentions WHERE id IN (SELECT value FROM json_each(?))');
  return (ids) => {
    const json = JSON.stringify(ids);
    forget.run(json);
    remove.run(json);
  };
}

main();
