/**
 * `npm run bench:scale [-- --mentions N] [-- --days D]`: how the views' calls answer on a large
 * data folder, through the WebSocket, signed in as the owner the way the e2e harness does.
 *
 * The folder (default 10,000,000 mentions over about 14 days) is built once through the real pipeline
 * (`buildServices`, every hook, five topics) from ten demo casts (about 4,000 authors) published
 * minute by minute up to the build's time, and cached outside the repository in
 * `~/.cache/earshot-bench-scale/<N>-<D>d` (`EARSHOT_BENCH_SCALE_CACHE` to move it; a folder is
 * reused only when its build finished). Then the built serve mode (`npm run build` first) starts on
 * it and each call the views make is sent 50 times in sequence; the bench prints p50/p95 per call,
 * start to READY and to the first live push, RSS at ready and after the calls, and disk per million
 * mentions (`--tables`: per table and index).
 *
 * On reuse the data ages: windows ending "now" hold fewer mentions than when the folder was built
 * (the bench prints the newest mention's age). Serve mode's own demo source keeps running meanwhile,
 * so ingest and reads share the core as they do in use.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import type { MentionInput } from '@shared/domain/mention';
import { createMemoryLogger } from '../../electron/core/base/logger';
import { buildServices } from '../../electron/core/app/services';
import { DemoSource } from '../../electron/core/sources/demo/demo-source';
import { DATABASE_FILE, openStore } from '../../electron/core/store/store';
import { startServe } from '../e2e/support/serve-process';
import { socketUrl, TestSocket } from '../e2e/support/ws-client';
import { offlineOutbound } from '../support/outbound';
import { hearAsPublished, replicate } from './scale-replicate';

const CASTS = 10;
/** The most mentions built through the pipeline; a larger folder is this one copied by SQL (scale-replicate.ts). */
const PIPELINE_MENTIONS = 1_000_000;
const CALLS = 50;
/** After five calls, a series stops once it has taken this long. */
const SERIES_BUDGET_MS = 60_000;
const MINUTE = 60_000;
const TOPICS: ReadonlyArray<[string, string]> = [
  ['Kestrel', 'kestrel OR @kestrelmobile OR #kestrel'],
  ['Outage', 'kestrel AND (outage OR "no signal" OR down*)'],
  ['Billing', '(bill* OR charge* OR refund*) -spam'],
  ['Praise', 'kestrel NEAR/5 (love OR great OR thanks)'],
  ['Competitors', 'osprey OR harrier OR "merlin telecom"'],
];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name}: expected a positive whole number, got ${process.argv[i + 1] ?? 'nothing'}`);
  return value;
}

/** Builds the folder through the real pipeline; writes `complete.json` only when it finished. */
async function build(dir: string, mentions: number, days: number): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const store = openStore(dir);
  const services = buildServices(store, createMemoryLogger(), Date.now, { webhook: { host: '127.0.0.1', port: 0 } });
  try {
    // Disabled: serve mode must not poll it (its mentions are already in).
    if (!store.sources.get('bench'))
      store.sources.create({ id: 'bench', kind: 'demo', name: 'bench (scale build)', config: '{}', enabled: false, intervalMs: 60_000, createdAt: Date.now() });
    for (const [name, query] of TOPICS) services.topics.create({ name, kind: 'brand', query, color: null, enabled: true });
    const perCast = Math.ceil(mentions / CASTS / (days * 24 * 60));
    // The demo delivers more than its nominal rate (episodes, replies): measure what it delivers
    // over a sample day, then start as late as lets the casts reach `mentions` by the end, so the
    // newest windows (what "24 h" reads) are as full as the oldest.
    const sample = new DemoSource('bench', { ratePerMinute: perCast, episodeEveryMinutes: 20, seed: 7 });
    let sampled = 0;
    let sampleCursor: string | null = null;
    for (let t = 0; t < 24 * 60; t++) {
      const result = await sample.poll({
        cursor: sampleCursor,
        now: Date.now() - 30 * 24 * 60 * MINUTE + t * MINUTE,
        signal: new AbortController().signal,
        ...offlineOutbound(),
      });
      sampleCursor = result.cursor;
      sampled += result.items.length;
    }
    const minutes = Math.ceil(mentions / ((sampled / (24 * 60)) * CASTS));
    const sources = Array.from({ length: CASTS }, (_, c) => new DemoSource('bench', { ratePerMinute: perCast, episodeEveryMinutes: 20, seed: 7 + c * 1_000 }));
    const cursors: Array<string | null> = sources.map(() => null);
    const end = Date.now() - MINUTE;
    const started = Date.now();
    let stored = 0;
    let nextReport = 100_000;
    // Batches of 1,000 as a busy source delivers them: a few dozen per call would measure the
    // pipeline's per-batch cost, not build the folder.
    let pending: MentionInput[] = [];
    const flush = (cursor: string) => {
      stored += services.pipeline.ingest('bench', pending, cursor).stored.length;
      pending = [];
    };
    for (let t = end - minutes * MINUTE; t <= end && stored + pending.length < mentions; t += MINUTE) {
      for (let c = 0; c < CASTS; c++) {
        const result = await sources[c]!.poll({ cursor: cursors[c]!, now: t, signal: new AbortController().signal, ...offlineOutbound() });
        cursors[c] = result.cursor;
        for (const item of result.items as MentionInput[]) if (stored + pending.length < mentions) pending.push(item);
      }
      if (pending.length >= 1_000 || t + MINUTE > end) flush(String(t));
      if (stored >= nextReport) {
        console.log(`  built ${stored.toLocaleString('en')} (${Math.round(stored / ((Date.now() - started) / 1000)).toLocaleString('en')}/s)`);
        nextReport += 100_000;
      }
    }
    if (pending.length > 0) flush('end');
    hearAsPublished(store.db);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    writeFileSync(join(dir, 'complete.json'), JSON.stringify({ mentions: stored, days, builtAt: Date.now(), seconds: (Date.now() - started) / 1000 }));
  } finally {
    services.topics.stop();
    store.close();
  }
}

/** Copies the pipeline-built folder and multiplies its mentions by SQL (scale-replicate.ts says how and why). */
async function grow(baseDir: string, dir: string, mentions: number): Promise<void> {
  // Folded back into the main file first, so copying that one file copies everything.
  const baseStore = openStore(baseDir);
  baseStore.db.pragma('wal_checkpoint(TRUNCATE)');
  // At least `mentions`: the base holds a few more or less than asked (serve runs added to it).
  const factor = Math.ceil(mentions / (baseStore.db.prepare('SELECT COUNT(*) FROM mentions').pluck().get() as number));
  baseStore.close();
  console.log(`Copying ${baseDir} and replicating its mentions ${factor}× by SQL into ${dir}...`);
  const baseInfo = JSON.parse(readFileSync(join(baseDir, 'complete.json'), 'utf8')) as { mentions: number; seconds: number; builtAt: number };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  copyFileSync(join(baseDir, DATABASE_FILE), join(dir, DATABASE_FILE));
  const started = Date.now();
  const store = openStore(dir);
  try {
    store.db.pragma('cache_size = -1000000');
    replicate(store.db, factor, (line) => console.log(line));
    hearAsPublished(store.db);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const stored = store.db.prepare('SELECT COUNT(*) FROM mentions').pluck().get() as number;
    const seconds = (Date.now() - started) / 1000;
    writeFileSync(
      join(dir, 'complete.json'),
      JSON.stringify({
        mentions: stored,
        builtAt: baseInfo.builtAt,
        seconds: baseInfo.seconds + seconds,
        replicatedFrom: baseInfo.mentions,
        factor,
        replicateSeconds: seconds,
      }),
    );
  } finally {
    store.close();
  }
}

function diskBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const s = statSync(join(dir, name));
    total += s.isDirectory() ? diskBytes(join(dir, name)) : s.size;
  }
  return total;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const mentions = option('mentions', 10_000_000);
  const days = option('days', 14);
  const cacheRoot = process.env.EARSHOT_BENCH_SCALE_CACHE ?? join(homedir(), '.cache', 'earshot-bench-scale');
  const dir = join(cacheRoot, `${mentions}-${days}d`);
  if (!existsSync(join(dir, 'complete.json'))) {
    if (existsSync(dir)) throw new Error(`${dir} holds an unfinished build: remove it and run again`);
    const base = Math.min(mentions, PIPELINE_MENTIONS);
    const baseDir = join(cacheRoot, `${base}-${days}d`);
    if (!existsSync(join(baseDir, 'complete.json'))) {
      if (existsSync(baseDir)) throw new Error(`${baseDir} holds an unfinished build: remove it and run again`);
      console.log(`Building ${base.toLocaleString('en')} mentions over ${days} days into ${baseDir} through the pipeline...`);
      await build(baseDir, base, days);
    }
    if (mentions > base) await grow(baseDir, dir, mentions);
  }
  const built = JSON.parse(readFileSync(join(dir, 'complete.json'), 'utf8')) as { mentions: number; builtAt: number; seconds: number };
  console.log(
    `Folder: ${dir}, ${built.mentions.toLocaleString('en')} mentions, built in ${Math.round(built.seconds)} s, ${((Date.now() - built.builtAt) / 3_600_000).toFixed(1)} h ago`,
  );

  // How full the windows the calls read are (a reused folder ages).
  const peek = new Database(join(dir, DATABASE_FILE), { readonly: true });
  const newest = peek.prepare('SELECT MAX(published_at) FROM mentions').pluck().get() as number;
  const lastDay = peek
    .prepare('SELECT COUNT(*) FROM mentions WHERE published_at >= ?')
    .pluck()
    .get(Date.now() - 24 * 3_600_000) as number;
  peek.close();
  console.log(`Newest mention ${((Date.now() - newest) / MINUTE).toFixed(0)} min old; ${lastDay.toLocaleString('en')} mentions published in the last 24 h`);

  // Pending migrations run here, not in the timed start (a folder from an older version migrates once).
  openStore(dir).close();
  const startedAt = Date.now();
  const serve = await startServe({ dataDir: dir });
  const readyMs = Date.now() - startedAt;
  const rssReady = rssMb(serve.pid);
  const socket = await TestSocket.open(socketUrl(serve.url));
  try {
    // Start to the first live frame a wall shows: the first batch its demo source stores, pushed.
    socket.sendRaw(JSON.stringify({ t: 'sub', topic: 'mentions.new' }));
    await socket.waitFor((f) => f.t === 'evt' && (f as { topic?: string }).topic === 'mentions.new', 60_000);
    const firstPushMs = Date.now() - startedAt;
    socket.sendRaw(JSON.stringify({ t: 'unsub', topic: 'mentions.new' }));
    if (process.argv.includes('--start-only')) {
      console.log(
        `start to READY ${readyMs} ms, to the first live push ${firstPushMs} ms; RSS ${rssReady.toFixed(0)} MB at ready; load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
      console.log(`RESULT ${JSON.stringify({ mentions: built.mentions, readyMs, firstPushMs, rssReadyMb: Math.round(rssReady) })}`);
      return;
    }
    const now = Date.now();
    const replayAt = now - 3 * 24 * 3_600_000;
    const calls: Array<[string, string, unknown]> = [
      ['volume.recent 60 min', 'volume.recent', { minutes: 60 }],
      ['volume.recent 24 h', 'volume.recent', { minutes: 1_440 }],
      ['mentions.recent 50', 'mentions.recent', { limit: 50 }],
      ['authors.top 60 min', 'authors.top', { windowMinutes: 60, limit: 10 }],
      ['authors.top 24 h', 'authors.top', { windowMinutes: 1_440, limit: 10 }],
      ['alerts.open', 'alerts.open', {}],
      ['sources.list', 'sources.list', {}],
      ['topics.list', 'topics.list', {}],
      ['trends.terms 60 min', 'trends.terms', { topicId: null, windowMinutes: 60, limit: 20 }],
      ['care.inbox page', 'care.inbox', { limit: 50 }],
      ['care.inbox search "outage"', 'care.inbox', { limit: 50, filter: { search: 'outage' } }],
      ['care.kpis 24 h', 'care.kpis', { from: now - 24 * 3_600_000, to: now }],
      ['reports.build 24 h', 'reports.build', { from: now - 24 * 3_600_000, to: now }],
      // Replay: the same views as of three days ago, read from the record (heard_at).
      ['review.volume 60 min', 'review.volume', { workspace: 'live', at: replayAt, minutes: 60 }],
      ['review.mentions 50', 'review.mentions', { workspace: 'live', at: replayAt, limit: 50 }],
      ['review.authorsTop 60 min', 'review.authorsTop', { workspace: 'live', at: replayAt, windowMinutes: 60, limit: 10 }],
      ['review.trends 60 min', 'review.trends', { workspace: 'live', at: replayAt, topicId: null, windowMinutes: 60, limit: 20 }],
      // review.careQueue is left out: it rebuilds every conversation's state from its posts and
      // history, minutes per call at 10 M (docs/benchmarks.md).
    ];
    console.log(
      `\n${CALLS} sequential calls each, through the WebSocket as the owner; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const results: Record<string, { p50: number; p95: number; n: number }> = {};
    for (const [label, method, params] of calls) {
      const times: number[] = [];
      const seriesStart = performance.now();
      // A call that takes seconds is sampled fewer times (n printed), so the bench ends.
      for (let i = 0; i < CALLS && (i < 5 || performance.now() - seriesStart < SERIES_BUDGET_MS); i++) {
        const t0 = performance.now();
        const frame = await socket.call(method, params, 300_000);
        times.push(performance.now() - t0);
        if (!frame.ok) throw new Error(`${method} failed: ${JSON.stringify(frame.error)}`);
      }
      times.sort((a, b) => a - b);
      results[label] = { p50: Number(percentile(times, 50).toFixed(1)), p95: Number(percentile(times, 95).toFixed(1)), n: times.length };
      console.log(
        `  ${label.padEnd(30)} p50 ${results[label]!.p50.toFixed(1).padStart(8)} ms   p95 ${results[label]!.p95.toFixed(1).padStart(8)} ms${times.length < CALLS ? ` (n=${times.length})` : ''}${results[label]!.p95 < 50 ? '' : '   (over 50 ms)'}`,
      );
    }
    const rssAfter = rssMb(serve.pid);
    const bytes = diskBytes(dir);
    const perMillion = bytes / (built.mentions / 1e6) / 1e6;
    console.log(
      `\nstart to READY ${readyMs} ms, to the first live push ${firstPushMs} ms; RSS ${rssReady.toFixed(0)} MB at ready, ${rssAfter.toFixed(0)} MB after the calls; disk ${(bytes / 1e6).toFixed(0)} MB = ${perMillion.toFixed(0)} MB per million mentions`,
    );
    console.log(
      `RESULT ${JSON.stringify({ mentions: built.mentions, readyMs, firstPushMs, rssReadyMb: Math.round(rssReady), rssAfterMb: Math.round(rssAfter), diskMbPerMillion: Math.round(perMillion), calls: results })}`,
    );
  } finally {
    socket.close();
    await serve.stop();
  }
  if (process.argv.includes('--tables')) printTables(join(dir, DATABASE_FILE), built.mentions);
}

/** `--tables`: where the disk goes, per table and index (SQLite's dbstat; reads the whole file). */
function printTables(file: string, mentions: number): void {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 16').all() as Array<{
      name: string;
      bytes: number;
    }>;
    console.log('\nMB per million mentions, by table and index:');
    for (const r of rows) console.log(`  ${r.name.padEnd(45)} ${(r.bytes / (mentions / 1e6) / 1e6).toFixed(1).padStart(7)}`);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
