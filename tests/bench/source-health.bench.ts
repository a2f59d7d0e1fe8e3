/**
 * `npm run bench:source-health`: what source health costs.
 * 1. Ingest: the scheduler's bookkeeping per stored batch (newest publication time written in the
 *    batch's transaction, recent deliveries for items per minute) against the same pipeline without
 *    it, interleaved rounds on fresh databases in the same run. Target: at most 5% slower.
 * 2. `health()` of many sources (the 1 s push and /api/health) against serialising its result,
 *    which every push does anyway. Target: under 1 ms for 500 sources.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MentionInput } from '@shared/domain/mention';
import { createMemoryLogger } from '../../electron/core/base/logger';
import { IngestPipeline } from '../../electron/core/pipeline/ingest';
import { Scheduler } from '../../electron/core/scheduler/scheduler';
import type { PollResult, SourceAdapter } from '../../electron/core/sources/adapter';
import { openStore } from '../../electron/core/store/store';

const PER_ROUND = Number(process.env.BENCH_MENTIONS ?? 20_000);
const ROUNDS = 4;
const BATCH = 1_000;
const SOURCES = 500;

function mentions(round: number, count: number): MentionInput[] {
  const start = Date.now() - 3_600_000;
  return Array.from({ length: count }, (_, i) => ({
    externalId: `r${round}-${i}`,
    platform: 'x' as const,
    text: `Kestrel Mobile post ${i}: the signal in town ${i % 50} is ${i % 3 === 0 ? 'great' : i % 3 === 1 ? 'down again' : 'fine'} today`,
    publishedAt: start + i * 100,
    authorHandle: `author_${i % 2_000}`,
    authorFollowers: (i * 37) % 100_000,
  }));
}

const idle: SourceAdapter = { poll: async (): Promise<PollResult> => ({ items: [], cursor: null }) };

function ingestRound(withHealth: boolean, round: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-health-'));
  const store = openStore(dir);
  try {
    const logger = createMemoryLogger();
    store.sources.create({ id: 'bench', kind: 'demo', name: 'bench', config: '{}', enabled: true, intervalMs: 1_000, createdAt: Date.now() });
    const pipeline = new IngestPipeline(store, logger);
    if (withHealth) new Scheduler(store, pipeline, logger).add(store.sources.get('bench')!, idle);
    const rows = mentions(round, PER_ROUND);
    const started = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += BATCH) pipeline.ingest('bench', rows.slice(i, i + BATCH), String(i));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (withHealth && store.sources.get('bench')?.newestPublishedAt === null) throw new Error('health bookkeeping did not run');
    return PER_ROUND / seconds;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function healthCost(): { healthUs: number; stringifyUs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-health-'));
  const store = openStore(dir);
  try {
    const logger = createMemoryLogger();
    const pipeline = new IngestPipeline(store, logger);
    const scheduler = new Scheduler(store, pipeline, logger);
    for (let s = 0; s < SOURCES; s++) {
      const id = `s${s}`;
      store.sources.create({ id, kind: 'demo', name: `Source ${s}`, config: '{}', enabled: true, intervalMs: 60_000, createdAt: Date.now() });
      scheduler.add(store.sources.get(id)!, idle);
      // A few recent deliveries per source, as after some minutes of running.
      for (let b = 0; b < 5; b++)
        pipeline.ingest(
          id,
          mentions(s * 10 + b, 2).map((m) => ({ ...m, externalId: `${id}-${b}-${m.externalId}` })),
          String(b),
        );
    }
    const reps = 2_000;
    let sink = 0;
    let started = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) sink += scheduler.health().length;
    const healthUs = Number(process.hrtime.bigint() - started) / 1e3 / reps;
    const snapshot = scheduler.health();
    started = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) sink += JSON.stringify(snapshot).length;
    const stringifyUs = Number(process.hrtime.bigint() - started) / 1e3 / reps;
    if (sink === 0) throw new Error('nothing measured');
    return { healthUs, stringifyUs };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const without: number[] = [];
const withHealth: number[] = [];
ingestRound(false, -1); // warm-up: JIT, page cache
for (let r = 0; r < ROUNDS; r++) {
  without.push(ingestRound(false, r));
  withHealth.push(ingestRound(true, r));
}
const a = median(without);
const b = median(withHealth);
const ratio = b / a;
console.log(
  `Source health bookkeeping on ingest (${ROUNDS} interleaved rounds of ${PER_ROUND.toLocaleString()} mentions, batches of ${BATCH.toLocaleString()}, medians)`,
);
console.log(`  pipeline without the scheduler's health bookkeeping (baseline) ${Math.round(a).toLocaleString().padStart(10)} mentions/s`);
console.log(`  pipeline with it (newest time in the transaction, deliveries) ${Math.round(b).toLocaleString().padStart(10)} mentions/s`);
console.log(`  ratio: ${ratio.toFixed(3)} — target >= 0.95: ${ratio >= 0.95 ? 'met' : 'NOT MET'}`);

const { healthUs, stringifyUs } = healthCost();
console.log(`health() of ${SOURCES} sources`);
console.log(`  health()                                   ${healthUs.toFixed(1).padStart(8)} µs per call`);
console.log(`  JSON.stringify of its result (baseline)    ${stringifyUs.toFixed(1).padStart(8)} µs per call`);
console.log(`  ratio: ${(healthUs / stringifyUs).toFixed(2)} — target < 1 ms per call: ${healthUs < 1_000 ? 'met' : 'NOT MET'}`);
