/**
 * `npm run bench`: mentions per second through the whole ingest pipeline as the app wires it
 * (validation, analysis, de-duplication, storage with FTS, per-minute rollups, and every area's
 * in-transaction hook: topic tags, authors and terms, conversations; live pushes to a subscribed
 * window), with five realistic topics defined, beside
 * a raw better-sqlite3 batched insert of the same rows, measured in the same run on the same disk.
 * Target: the pipeline sustains at least 5,000 mentions/s (wall clock). Each figure is also given per
 * CPU-second of this process, which a busy shared machine disturbs much less than the wall clock.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MentionInput } from '../../shared/domain/mention';
import { createMemoryLogger } from '../../electron/core/base/logger';
import { buildServices } from '../../electron/core/app/services';
import { wireLivePushes } from '../../electron/core/live/pushes';
import { DemoSource } from '../../electron/core/sources/demo/demo-source';
import { openStore } from '../../electron/core/store/store';
import { offlineOutbound } from '../support/outbound';

const TARGET_PER_SECOND = 5_000;
const COUNT = Number(process.env.BENCH_MENTIONS ?? 200_000);
const BATCH = 1_000;
/** Topics a team would define for the demo brand; every mention is matched against all of them. */
const BENCH_TOPICS: ReadonlyArray<[string, string]> = [
  ['Kestrel', 'kestrel OR @kestrelmobile OR #kestrel'],
  ['Outage', 'kestrel AND (outage OR "no signal" OR down*)'],
  ['Billing', '(bill* OR charge* OR refund*) -spam'],
  ['Praise', 'kestrel NEAR/5 (love OR great OR thanks)'],
  ['Competitors', 'osprey OR harrier OR "merlin telecom"'],
];

async function makeMentions(count: number): Promise<MentionInput[]> {
  // The demo source at a firehose rate: realistic texts, authors and timestamps.
  const source = new DemoSource('bench', { ratePerMinute: 600_000, episodeEveryMinutes: 2, seed: 7 });
  const out: MentionInput[] = [];
  let cursor: string | null = null;
  let now = Date.now() - 60 * 60_000;
  while (out.length < count) {
    now += 2_000;
    const result = await source.poll({ cursor, now, signal: new AbortController().signal, ...offlineOutbound() });
    cursor = result.cursor;
    out.push(...(result.items as MentionInput[]));
  }
  return out.slice(0, count);
}

interface Throughput {
  /** Per wall-clock second. */
  perSecond: number;
  /** Per CPU-second of this process (user + system). */
  perCpuSecond: number;
}

/** Runs `work` over `count` items and measures it against both clocks. */
function measure(count: number, work: () => void): Throughput {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { perSecond: count / seconds, perCpuSecond: count / ((used.user + used.system) / 1e6) };
}

function rawInsert(dir: string, mentions: readonly MentionInput[]): Throughput {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE mentions (id INTEGER PRIMARY KEY, source_id TEXT NOT NULL, external_id TEXT NOT NULL,
    platform TEXT NOT NULL, text TEXT NOT NULL, url TEXT, published_at INTEGER NOT NULL, author_handle TEXT NOT NULL,
    author_followers INTEGER, UNIQUE (source_id, external_id)) STRICT`);
  const insert = db.prepare(`INSERT INTO mentions (source_id, external_id, platform, text, url, published_at, author_handle, author_followers)
    VALUES ('bench', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const batch = db.transaction((rows: readonly MentionInput[]) => {
    for (const m of rows) insert.run(m.externalId, m.platform, m.text, m.url ?? null, m.publishedAt, m.authorHandle, m.authorFollowers ?? null);
  });
  const result = measure(mentions.length, () => {
    for (let i = 0; i < mentions.length; i += BATCH) batch(mentions.slice(i, i + BATCH));
  });
  db.close();
  return result;
}

function pipelineInsert(dir: string, mentions: readonly MentionInput[]): Throughput & { pushedBytes: number; stored: number } {
  const store = openStore(dir);
  const logger = createMemoryLogger();
  store.sources.create({ id: 'bench', kind: 'demo', name: 'bench', config: '{}', enabled: true, intervalMs: 1000, createdAt: Date.now() });
  const services = buildServices(store, logger, Date.now, { webhook: { host: '127.0.0.1', port: 0 } });
  const { pipeline, scheduler, alerts, hub } = services;
  for (const [name, query] of BENCH_TOPICS) services.topics.create({ name, kind: 'brand', query, color: null, enabled: true });
  let pushedBytes = 0;
  const window = { send: (frame: string) => { pushedBytes += frame.length; } };
  for (const topic of ['volume.delta', 'mentions.new', 'alerts.changed'] as const) hub.subscribe(topic, window);
  const stopPushes = wireLivePushes({ hub, store, pipeline, scheduler, alerts, now: Date.now });

  const result = measure(mentions.length, () => {
    for (let i = 0; i < mentions.length; i += BATCH) {
      pipeline.ingest('bench', mentions.slice(i, i + BATCH), String(i));
    }
  });
  const stored = store.mentions.count();
  stopPushes();
  services.topics.stop();
  store.close();
  return { ...result, pushedBytes, stored };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
  try {
    console.log(`Generating ${COUNT.toLocaleString('en')} demo mentions...`);
    const mentions = await makeMentions(COUNT);
    const raw = rawInsert(dir, mentions);
    const pipeline = pipelineInsert(join(dir, 'pipeline'), mentions);
    const rows = [
      ['raw better-sqlite3 insert (baseline)', raw],
      ['Earshot pipeline (validate, analyse, store+FTS, rollups, hooks, pushes)', pipeline],
    ] as const;
    const figure = (value: number) => Math.round(value).toLocaleString('en').padStart(9);
    console.log('\nIngest throughput, batches of 1,000, WAL, synchronous=NORMAL');
    for (const [name, value] of rows) console.log(`  ${name.padEnd(72)} ${figure(value.perSecond)} mentions/s ${figure(value.perCpuSecond)} per CPU-second`);
    console.log(`  pipeline / baseline ratio: ${(pipeline.perSecond / raw.perSecond).toFixed(3)} (per CPU-second: ${(pipeline.perCpuSecond / raw.perCpuSecond).toFixed(3)})`);
    console.log(`  stored ${pipeline.stored.toLocaleString('en')} of ${COUNT.toLocaleString('en')}; pushed ${(pipeline.pushedBytes / 1e6).toFixed(1)} MB of live frames`);
    const met = pipeline.perSecond >= TARGET_PER_SECOND;
    console.log(`  target >= ${TARGET_PER_SECOND.toLocaleString('en')} mentions/s: ${met ? 'MET' : 'NOT MET'}`);
    if (pipeline.stored !== new Set(mentions.map((m) => m.externalId)).size) {
      throw new Error('the pipeline stored a different number of mentions than were unique: the benchmark is invalid');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
