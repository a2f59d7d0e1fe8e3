/**
 * Scoring off the writer's thread: a few long-lived worker_threads workers (cores − 1, at least
 * one) each hold the workspace's analyzer and score a share of a batch. A batch goes out as a few
 * flat arrays and comes back as transferred buffers (analysis-batch.ts), so the thread that owns
 * SQLite spends its time writing, and the event loop stays free while a batch is scored.
 *
 * Workers start on first use, so a process that never ingests a large batch never starts one, and
 * they do not keep the process alive while idle. The app warms them at start instead, and scores
 * batches on the writer's thread until they are loaded. A worker that fails is replaced on the next batch;
 * the failed batch's promise rejects and the pipeline scores it on its own thread instead.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TopicsSpec } from './mention-topics';
import { packMentions, unpackAnalyses, type AnalyzerSpec, type PackedAnalysis, type ScoredBatch } from './analysis-batch';
import type { CheckedMention } from './mention-input';

/** Workers for a machine with this many cores: one is left to the writer. */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/**
 * Where the worker's code is: next to this module when built (out/main); under the TypeScript
 * source (tests, benches and the command-line tools run with tsx), the source itself through tsx.
 */
function workerEntry(): { file: string; eval: boolean } {
  if (__filename.endsWith('.ts')) {
    const source = join(__dirname, 'analysis-worker.ts');
    return { file: `require('tsx/cjs/api').register();\nrequire(${JSON.stringify(source)});`, eval: true };
  }
  for (const dir of [__dirname, join(__dirname, '..')]) {
    const file = join(dir, 'analysis-worker.js');
    if (existsSync(file)) return { file, eval: false };
  }
  throw new Error(`the analysis worker (analysis-worker.js) is missing next to ${__dirname}; rebuild the app`);
}

interface Job {
  resolve: (result: PackedAnalysis) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  jobs: Map<number, Job>;
}

type Reply = { id: number; ok: true; result: PackedAnalysis } | { id: number; ok: false; message: string };

export class AnalysisPool {
  private readonly workers: PoolWorker[] = [];
  private spec: AnalyzerSpec | null = null;
  private topics: TopicsSpec | null = null;
  private nextId = 1;
  private closed = false;
  private warming: Promise<void> | null = null;
  /** Mentions scored by the workers so far (health and tests). */
  mentionsScored = 0;

  constructor(readonly size: number = defaultPoolSize()) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`an analysis pool needs at least one worker, got ${size}`);
  }

  /** The analyzer later batches are scored with; running workers get it before any later batch. */
  configure(spec: AnalyzerSpec): void {
    this.spec = spec;
    for (const w of this.workers) w.worker.postMessage({ type: 'config', spec });
  }

  /** The topics later batches are matched against; running workers get them before any later batch. */
  configureTopics(topics: TopicsSpec): void {
    this.topics = topics;
    for (const w of this.workers) w.worker.postMessage({ type: 'topics', topics });
  }

  /** Scores the mentions and does their text work, split evenly over the workers; results come back in the mentions' order. */
  async score(mentions: readonly CheckedMention[], now: number, sourceId: string): Promise<ScoredBatch> {
    if (this.closed) throw new Error('the analysis pool is closed');
    if (mentions.length === 0) return { analyses: [], texts: [], topicsVersion: null };
    this.start();
    const share = Math.ceil(mentions.length / this.workers.length);
    const parts: Array<Promise<PackedAnalysis>> = [];
    for (let from = 0, w = 0; from < mentions.length; from += share, w++) {
      parts.push(this.run(this.workers[w]!, mentions, from, Math.min(mentions.length, from + share), now, sourceId));
    }
    const scored = unpackAnalyses(await Promise.all(parts));
    this.mentionsScored += scored.analyses.length;
    return scored;
  }

  /**
   * True while a `warmUp` is still waiting for its workers: a batch that arrives then is better
   * scored on the writer's thread than queued behind the workers' start (about a second under load).
   */
  get warmingUp(): boolean {
    return this.warming !== null;
  }

  /** Starts the workers and waits until each has loaded its analyzer (the first batch then does not wait for it). */
  warmUp(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.warming ??= this.loadWorkers()
      .catch((error: unknown) => {
        // Closed while loading (a quick stop): nothing failed that anyone waits for.
        if (!this.closed) throw error;
      })
      .finally(() => {
        this.warming = null;
      });
    return this.warming;
  }

  private async loadWorkers(): Promise<void> {
    this.start();
    const probe: CheckedMention = {
      externalId: 'warm-up',
      platform: 'other',
      text: 'warming up',
      publishedAt: 0,
      url: null,
      lang: null,
      authorHandle: 'earshot',
      authorName: null,
      authorFollowers: null,
      authorVerified: false,
      likes: null,
      reposts: null,
      replies: null,
      replyTo: null,
      episode: null,
    };
    await Promise.all(this.workers.map((w) => this.run(w, [probe], 0, 1, 0, '')));
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers.splice(0);
    await Promise.all(
      workers.map((w) => {
        w.worker.ref();
        return w.worker.terminate();
      }),
    );
  }

  private run(w: PoolWorker, mentions: readonly CheckedMention[], from: number, to: number, now: number, sourceId: string): Promise<PackedAnalysis> {
    const batch = packMentions(mentions, from, to, sourceId);
    const id = this.nextId++;
    return new Promise<PackedAnalysis>((resolve, reject) => {
      w.jobs.set(id, { resolve, reject });
      // Referenced only while it owes an answer: an idle pool never keeps the process alive.
      if (w.jobs.size === 1) w.worker.ref();
      w.worker.postMessage({ type: 'score', id, now, batch }, [batch.numbers.buffer]);
    });
  }

  private start(): void {
    while (this.workers.length < this.size) this.workers.push(this.spawn());
  }

  private spawn(): PoolWorker {
    const entry = workerEntry();
    const worker = new Worker(entry.file, { eval: entry.eval, stdout: false, stderr: false });
    const w: PoolWorker = { worker, jobs: new Map() };
    worker.unref();
    if (this.spec) worker.postMessage({ type: 'config', spec: this.spec });
    if (this.topics) worker.postMessage({ type: 'topics', topics: this.topics });
    worker.on('message', (reply: Reply) => {
      const job = w.jobs.get(reply.id);
      if (!job) return;
      w.jobs.delete(reply.id);
      if (w.jobs.size === 0) worker.unref();
      if (reply.ok) job.resolve(reply.result);
      else job.reject(new Error(`scoring in a worker failed: ${reply.message}`));
    });
    const fail = (error: Error): void => {
      const index = this.workers.indexOf(w);
      if (index >= 0) this.workers.splice(index, 1);
      for (const job of w.jobs.values()) job.reject(error);
      w.jobs.clear();
    };
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => fail(new Error(`an analysis worker stopped (exit code ${code})`)));
    return w;
  }
}

/**
 * The pool the app runs with: `EARSHOT_ANALYSIS_WORKERS` sets the number of workers (0: score on
 * the writer's thread, as on a one-core machine); unset, cores − 1.
 */
export function poolFromEnv(env: NodeJS.ProcessEnv = process.env): AnalysisPool | null {
  const raw = env.EARSHOT_ANALYSIS_WORKERS;
  if (raw === undefined || raw.trim() === '') return new AnalysisPool();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new Error(`EARSHOT_ANALYSIS_WORKERS must be a whole number from 0 to 64, got "${raw}"`);
  return n === 0 ? null : new AnalysisPool(n);
}
