/**
 * `npm run bench`: mentions per second through the whole ingest pipeline as the app wires it
 * (validation, analysis, de-duplication, storage with FTS, per-minute rollups, and every area's
 * in-transaction hook: topic tags, authors and terms, conversations; live pushes to a subscribed
 * window), with five realistic topics defined, beside the bare load of the same rows into
 * Earshot's own schema (its migrations and pragmas; mentions, FTS5 filled per batch, minute
 * rollups and the source's cursor, batches of 1,000) measured in the same run on the same disk.
 *
 * The rows: ten demo casts (about 4,000 distinct authors) interleaved, published over the last
 * BENCH_HOURS hours (6 by default) in time order, so rollups, authors and conversations see the
 * spread a busy brand sees, not one minute and one small cast.
 *
 * Batches are handed to the pipeline one event-loop turn apart, as sources deliver them, and the
 * event loop's delay is sampled meanwhile: its max is the longest a window would wait for the core.
 * Each figure is also given per CPU-second of this process, which a busy shared machine disturbs
 * much less than the wall clock. The last line is machine-readable: `RESULT {...}`.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MentionInput } from '@shared/domain/mention';
import { floorToMinute } from '@shared/logic/time';
import { analyzeMention } from '../../electron/core/analysis/analyze-mention';
import { createMemoryLogger } from '../../electron/core/base/logger';
import { buildServices } from '../../electron/core/app/services';
import { wireLivePushes } from '../../electron/core/live/pushes';
import { checkMentionInput } from '../../electron/core/pipeline/mention-input';
import { DemoSource } from '../../electron/core/sources/demo/demo-source';
import { DATABASE_FILE, openStore } from '../../electron/core/store/store';
import { WalCheckpointer } from '../../electron/core/store/wal-checkpointer';
import { offlineOutbound } from '../support/outbound';

const TARGET_PER_SECOND = 25_000;
const TARGET_RATIO = 0.5;
const COUNT = Number(process.env.BENCH_MENTIONS ?? 200_000);
const HOURS = Number(process.env.BENCH_HOURS ?? 6);
/** Ten demo casts of about 400 authors each. */
const CASTS = 10;
const BATCH = 1_000;
/** Batches handed to the pipeline and not yet stored, at most. */
const IN_FLIGHT = 2;
/** The steady-rate run: mentions per second, per batch, and how many. */
const LATENCY_RATE = Number(process.env.BENCH_LATENCY_RATE ?? 10_000);
const LATENCY_BATCH = 250;
const LATENCY_MENTIONS = Number(process.env.BENCH_LATENCY_MENTIONS ?? 100_000);
const TARGET_LATENCY_P95_MS = 1_000;
/** Topics a team would define for the demo brand; every mention is matched against all of them. */
const BENCH_TOPICS: ReadonlyArray<[string, string]> = [
  ['Kestrel', 'kestrel OR @kestrelmobile OR #kestrel'],
  ['Outage', 'kestrel AND (outage OR "no signal" OR down*)'],
  ['Billing', '(bill* OR charge* OR refund*) -spam'],
  ['Praise', 'kestrel NEAR/5 (love OR great OR thanks)'],
  ['Competitors', 'osprey OR harrier OR "merlin telecom"'],
];

/** `count` demo mentions from CASTS casts, published over the last `hours` hours, in time order. */
async function makeMentions(count: number, hours: number): Promise<MentionInput[]> {
  const end = Date.now() - 60_000;
  const start = end - hours * 60 * 60_000;
  const perCastPerMinute = Math.ceil(count / CASTS / (hours * 60)) + 1;
  const out: MentionInput[] = [];
  for (let cast = 0; cast < CASTS; cast++) {
    const source = new DemoSource('bench', { ratePerMinute: perCastPerMinute, episodeEveryMinutes: 20, seed: 7 + cast * 1_000 });
    let cursor: string | null = null;
    for (let now = start; now <= end; now += 60_000) {
      const result = await source.poll({ cursor, now, signal: new AbortController().signal, ...offlineOutbound() });
      cursor = result.cursor;
      for (const item of result.items as MentionInput[]) out.push(item);
    }
  }
  out.sort((a, b) => a.publishedAt - b.publishedAt);
  // Keep the spread: thin evenly rather than cutting the last hours off.
  const step = out.length / count;
  const picked: MentionInput[] = [];
  for (let i = 0; picked.length < count && Math.floor(i) < out.length; i += step) picked.push(out[Math.floor(i)]!);
  return picked;
}

interface Throughput {
  /** Per wall-clock second. */
  perSecond: number;
  /** Per CPU-second of this process (user + system), every thread. */
  perCpuSecond: number;
  /** CPU of the main (writing) thread per mention, µs; NaN where /proc is missing. */
  writerCpuUs: number;
}

/**
 * CPU time of this process's main thread (the writer), ms, from /proc on Linux; null elsewhere.
 * Worker threads score on other cores, so the writer's CPU per mention is what bounds throughput.
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat (11 and 12 after the command), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

interface Stalls {
  /** Longest event-loop delay seen while ingesting, ms. */
  maxMs: number;
  p99Ms: number;
}

/** Runs `work` over `count` items against both clocks, sampling the event loop's delay meanwhile. */
async function measure(count: number, work: () => Promise<void>): Promise<Throughput & Stalls> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const cpu = process.cpuUsage();
  const writerBefore = mainThreadCpuMs();
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const writerAfter = mainThreadCpuMs();
  histogram.disable();
  return {
    perSecond: count / seconds,
    perCpuSecond: count / ((used.user + used.system) / 1e6),
    writerCpuUs: writerBefore === null || writerAfter === null ? Number.NaN : ((writerAfter - writerBefore) * 1000) / count,
    maxMs: histogram.max / 1e6,
    p99Ms: histogram.percentile(99) / 1e6,
  };
}

/** One turn of the event loop, as between two deliveries from sources. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The baseline: the same rows, scored beforehand (scoring is the pipeline's work, not the load's),
 * written by plain SQL into a store opened by Earshot (same migrations, same pragmas): each
 * mention, the FTS index filled once per batch, one grouped upsert per (minute, source) and the
 * source's cursor, one transaction per batch of 1,000.
 */
async function bareSameSchema(dir: string, mentions: readonly MentionInput[]): Promise<Throughput & Stalls> {
  const store = openStore(dir);
  // Checkpoints as the app does them (a worker thread), so both loads write the store the same way.
  const checkpointer = WalCheckpointer.start(store.db, createMemoryLogger());
  store.sources.create({ id: 'bench', kind: 'demo', name: 'bench', config: '{}', enabled: true, intervalMs: 1000, createdAt: Date.now() });
  const db = store.db;
  const now = Date.now();
  const rows = mentions.map((item) => {
    const checked = checkMentionInput(item, now);
    if (!checked.ok) throw new Error(`bench mention rejected: ${checked.reason}`);
    const m = checked.mention;
    const a = analyzeMention(m, now);
    return [
      m.externalId,
      m.platform,
      m.text,
      m.url,
      a.lang,
      m.publishedAt,
      now,
      m.authorHandle,
      m.authorName,
      m.authorFollowers,
      m.authorVerified ? 1 : 0,
      m.likes,
      m.reposts,
      m.replies,
      m.replyTo,
      a.sentiment,
      a.sentimentScore,
      a.sentimentConfidence,
      JSON.stringify(a.intents),
      a.clout,
      a.urgency,
      m.episode,
      now,
    ] as const;
  });
  const insert = db.prepare(`INSERT INTO mentions (source_id, external_id, platform, text, url, lang, published_at, ingested_at,
      author_handle, author_name, author_followers, author_verified, likes, reposts, replies, reply_to,
      sentiment, sentiment_score, sentiment_confidence, intents, clout, urgency, episode, heard_at, drill_run_id)
    VALUES ('bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (source_id, external_id) DO NOTHING`);
  const maxId = db.prepare('SELECT COALESCE(MAX(id), 0) FROM mentions').pluck();
  const fillFts = db.prepare('INSERT INTO mentions_fts(rowid, text) SELECT id, text FROM mentions WHERE id > ?');
  const rollup = db.prepare(`INSERT INTO volume_minute (minute, source_id, total, positive, neutral, negative, reach)
    VALUES (?, 'bench', ?, ?, ?, ?, ?) ON CONFLICT (minute, source_id) DO UPDATE SET total = total + excluded.total,
      positive = positive + excluded.positive, neutral = neutral + excluded.neutral, negative = negative + excluded.negative,
      reach = reach + excluded.reach`);
  const cursor = db.prepare("UPDATE sources SET cursor = ?, last_success_at = ?, items_total = items_total + ? WHERE id = 'bench'");
  const batch = db.transaction((from: number, to: number) => {
    const before = maxId.get() as number;
    const minutes = new Map<number, { total: number; positive: number; neutral: number; negative: number; reach: number }>();
    for (let i = from; i < to; i++) {
      const r = rows[i]!;
      insert.run(...r);
      const minute = floorToMinute(r[5]);
      let sums = minutes.get(minute);
      if (!sums) minutes.set(minute, (sums = { total: 0, positive: 0, neutral: 0, negative: 0, reach: 0 }));
      sums.total += 1;
      if (r[15] === 'positive') sums.positive += 1;
      else if (r[15] === 'neutral') sums.neutral += 1;
      else if (r[15] === 'negative') sums.negative += 1;
      sums.reach += r[9] ?? 0;
    }
    fillFts.run(before);
    for (const [minute, s] of minutes) rollup.run(minute, s.total, s.positive, s.neutral, s.negative, s.reach);
    cursor.run(String(to), Date.now(), to - from);
  });
  const result = await measure(rows.length, async () => {
    for (let i = 0; i < rows.length; i += BATCH) {
      batch(i, Math.min(i + BATCH, rows.length));
      await nextTurn();
    }
  });
  await checkpointer.stop();
  store.close();
  return result;
}

async function pipelineInsert(
  dir: string,
  mentions: readonly MentionInput[],
): Promise<Throughput & Stalls & { pushedBytes: number; stored: number; scoredInWorkers: number; workers: number }> {
  const store = openStore(dir);
  const logger = createMemoryLogger();
  const checkpointer = WalCheckpointer.start(store.db, logger);
  store.sources.create({ id: 'bench', kind: 'demo', name: 'bench', config: '{}', enabled: true, intervalMs: 1000, createdAt: Date.now() });
  const services = buildServices(store, logger, Date.now, { webhook: { host: '127.0.0.1', port: 0 } });
  const { pipeline, scheduler, alerts, hub } = services;
  for (const [name, query] of BENCH_TOPICS) services.topics.create({ name, kind: 'brand', query, color: null, enabled: true });
  let pushedBytes = 0;
  const window = {
    send: (frame: string) => {
      pushedBytes += frame.length;
    },
  };
  for (const topic of ['volume.delta', 'mentions.new', 'alerts.changed', 'authors.top'] as const) hub.subscribe(topic, window);
  const stopPushes = wireLivePushes({ hub, store, pipeline, scheduler, alerts, now: Date.now });
  // As in the app, where the pool starts with the core: its start-up is not ingest work.
  await pipeline.analysisPool()?.warmUp();

  const result = await measure(mentions.length, async () => {
    // As a streaming source delivers: the next batch is handed over while the previous one is
    // being scored or written (at most IN_FLIGHT at once), one event-loop turn apart.
    const inFlight: Array<Promise<unknown>> = [];
    for (let i = 0; i < mentions.length; i += BATCH) {
      inFlight.push(pipeline.ingestAsync('bench', mentions.slice(i, i + BATCH), String(i)));
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      await nextTurn();
    }
    await Promise.all(inFlight);
  });
  const stored = store.mentions.count();
  const walMb = statSync(join(dir, `${DATABASE_FILE}-wal`), { throwIfNoEntry: false })?.size ?? 0;
  console.log(
    `  pipeline: WAL ${(walMb / 1e6).toFixed(1)} MB at the end of the run, database ${(statSync(join(dir, DATABASE_FILE)).size / 1e6).toFixed(1)} MB`,
  );
  const scoredInWorkers = pipeline.analysisPool()?.mentionsScored ?? 0;
  for (const line of logger.lines.filter((l) => !l.includes(' INFO ')).slice(0, 5)) console.log(`  pipeline log: ${line}`);
  stopPushes();
  services.topics.stop();
  await pipeline.close();
  await checkpointer.stop();
  store.close();
  return { ...result, pushedBytes, stored, scoredInWorkers, workers: pipeline.analysisPool()?.size ?? 0 };
}

interface Latency {
  /** Mentions per second actually delivered and stored over the run. */
  achievedPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  batches: number;
}

/**
 * Store-to-wall latency at a steady rate: batches of LATENCY_BATCH handed to the pipeline on a
 * fixed schedule (LATENCY_RATE mentions a second), and for each batch the time from its delivery
 * to the `mentions.new` frame carrying its newest mention reaching the subscribed window.
 */
async function steadyLatency(dir: string, mentions: readonly MentionInput[]): Promise<Latency> {
  const store = openStore(dir);
  const logger = createMemoryLogger();
  const checkpointer = WalCheckpointer.start(store.db, logger);
  store.sources.create({ id: 'bench', kind: 'demo', name: 'bench', config: '{}', enabled: true, intervalMs: 1000, createdAt: Date.now() });
  const services = buildServices(store, logger, Date.now, { webhook: { host: '127.0.0.1', port: 0 } });
  const { pipeline, scheduler, alerts, hub } = services;
  for (const [name, query] of BENCH_TOPICS) services.topics.create({ name, kind: 'brand', query, color: null, enabled: true });
  const deliveredAt = new Map<string, number>();
  const latencies: number[] = [];
  const window = {
    send: (frame: string) => {
      if (!frame.includes('"mentions.new"')) return;
      const id = /"externalId":"((?:[^"\\]|\\.)*)"/.exec(frame)?.[1];
      const at = id === undefined ? undefined : deliveredAt.get(id);
      if (at !== undefined) latencies.push(performance.now() - at);
    },
  };
  hub.subscribe('mentions.new', window);
  for (const topic of ['volume.delta', 'alerts.changed', 'authors.top'] as const) hub.subscribe(topic, { send: () => undefined });
  const stopPushes = wireLivePushes({ hub, store, pipeline, scheduler, alerts, now: Date.now });
  await pipeline.analysisPool()?.warmUp();
  const intervalMs = (LATENCY_BATCH / LATENCY_RATE) * 1000;
  const started = performance.now();
  const pending: Array<Promise<unknown>> = [];
  let batches = 0;
  for (let i = 0; i < mentions.length; i += LATENCY_BATCH) {
    const due = started + batches * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const batch = mentions.slice(i, i + LATENCY_BATCH);
    const at = performance.now();
    for (const m of batch) deliveredAt.set(m.externalId, at);
    pending.push(pipeline.ingestAsync('bench', batch, String(i)));
    batches++;
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  stopPushes();
  services.topics.stop();
  await pipeline.close();
  await checkpointer.stop();
  store.close();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return {
    achievedPerSecond: mentions.length / seconds,
    p50Ms: pick(0.5),
    p95Ms: pick(0.95),
    maxMs: latencies.at(-1) ?? Number.NaN,
    batches: latencies.length,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
  try {
    console.log(`Generating ${COUNT.toLocaleString('en')} demo mentions from ${CASTS} casts over ${HOURS} h...`);
    const mentions = await makeMentions(COUNT, HOURS);
    const authors = new Set(mentions.map((m) => `${m.platform}/${m.authorHandle}`)).size;
    const minutes = new Set(mentions.map((m) => floorToMinute(m.publishedAt))).size;
    const loadBefore = loadavg();
    const bare = await bareSameSchema(join(dir, 'bare'), mentions);
    const pipeline = await pipelineInsert(join(dir, 'pipeline'), mentions);
    const latency = await steadyLatency(join(dir, 'latency'), mentions.slice(0, LATENCY_MENTIONS));
    const loadAfter = loadavg();
    const rows = [
      ['bare same-schema load (mentions + FTS per batch + minute rollups + cursor)', bare],
      ['Earshot pipeline (validate, analyse, store+FTS, rollups, every hook, pushes)', pipeline],
    ] as const;
    const figure = (value: number) => Math.round(value).toLocaleString('en').padStart(9);
    console.log(
      `\n${mentions.length.toLocaleString('en')} mentions, ${authors.toLocaleString('en')} authors, ${minutes} distinct minutes; ${cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after`,
    );
    console.log('Ingest throughput, batches of 1,000, WAL, synchronous=NORMAL');
    for (const [name, value] of rows) {
      console.log(
        `  ${name.padEnd(78)} ${figure(value.perSecond)} mentions/s ${figure(value.perCpuSecond)} per CPU-second; writer thread ${value.writerCpuUs.toFixed(1)} µs CPU per mention; event loop max ${value.maxMs.toFixed(1)} ms, p99 ${value.p99Ms.toFixed(1)} ms`,
      );
    }
    const ratio = pipeline.perSecond / bare.perSecond;
    const cpuRatio = pipeline.perCpuSecond / bare.perCpuSecond;
    console.log(`  pipeline / bare same-schema: ${ratio.toFixed(3)} (per CPU-second: ${cpuRatio.toFixed(3)})`);
    console.log(`  scored in ${pipeline.workers} analysis worker(s): ${pipeline.scoredInWorkers.toLocaleString('en')} mentions (EARSHOT_ANALYSIS_WORKERS)`);
    console.log(
      `  stored ${pipeline.stored.toLocaleString('en')} of ${COUNT.toLocaleString('en')}; pushed ${(pipeline.pushedBytes / 1e6).toFixed(1)} MB of live frames`,
    );
    console.log(
      `Store-to-wall latency at ${LATENCY_RATE.toLocaleString('en')} mentions/s offered (batches of ${LATENCY_BATCH}, ${Math.min(LATENCY_MENTIONS, mentions.length).toLocaleString('en')} mentions): achieved ${Math.round(latency.achievedPerSecond).toLocaleString('en')}/s; delivery to mentions.new frame p50 ${latency.p50Ms.toFixed(0)} ms, p95 ${latency.p95Ms.toFixed(0)} ms, max ${latency.maxMs.toFixed(0)} ms over ${latency.batches} batches`,
    );
    console.log(
      `  target >= ${TARGET_PER_SECOND.toLocaleString('en')} mentions/s: ${pipeline.perSecond >= TARGET_PER_SECOND ? 'MET' : 'NOT MET'}; ratio >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'MET' : 'NOT MET'}; event loop < 100 ms: ${pipeline.maxMs < 100 ? 'MET' : 'NOT MET'}; latency p95 < 1 s at ${LATENCY_RATE.toLocaleString('en')}/s: ${latency.p95Ms < TARGET_LATENCY_P95_MS && latency.achievedPerSecond >= LATENCY_RATE * 0.95 ? 'MET' : 'NOT MET'}`,
    );
    if (pipeline.stored !== new Set(mentions.map((m) => m.externalId)).size) {
      throw new Error('the pipeline stored a different number of mentions than were unique: the benchmark is invalid');
    }
    const round = (value: number, places = 0) => Number(value.toFixed(places));
    console.log(
      `RESULT ${JSON.stringify({
        pipelinePerSecond: round(pipeline.perSecond),
        bareSameSchemaPerSecond: round(bare.perSecond),
        ratio: round(ratio, 3),
        pipelinePerCpuSecond: round(pipeline.perCpuSecond),
        bareSameSchemaPerCpuSecond: round(bare.perCpuSecond),
        cpuRatio: round(cpuRatio, 3),
        pipelineWriterCpuUsPerMention: round(pipeline.writerCpuUs, 1),
        bareWriterCpuUsPerMention: round(bare.writerCpuUs, 1),
        eventLoopMaxMs: round(pipeline.maxMs, 1),
        eventLoopP99Ms: round(pipeline.p99Ms, 1),
        latencyP95Ms: round(latency.p95Ms),
        latencyAchievedPerSecond: round(latency.achievedPerSecond),
        load1: round(loadAfter[0] ?? 0, 2),
      })}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
