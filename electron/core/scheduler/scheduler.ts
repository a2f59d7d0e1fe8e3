/**
 * Runs every enabled source on its own timer. A poll that throws, rejects or hangs only affects
 * its own source: it is timed out, its health says why in plain words, and it is retried with
 * backoff while the others keep their pace.
 */
import type { SourceHealth, SourceRunState } from '../../../shared/domain/source';
import type { Logger } from '../app/core-api';
import type { IngestPipeline } from '../pipeline/ingest';
import type { SourceAdapter } from '../sources/adapter';
import type { SourceRecord } from '../store/queries/sources';
import type { Store } from '../store/store';
import { backoffDelay } from './backoff';

export const DEFAULT_POLL_TIMEOUT_MS = 30_000;

interface Runner {
  record: SourceRecord;
  adapter: SourceAdapter | null;
  state: SourceRunState;
  consecutiveFailures: number;
  lastPollAt: number | null;
  nextPollAt: number | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** Bumped on stop/pause so a late answer from an abandoned poll is ignored. */
  generation: number;
  abort: AbortController | null;
}

export interface SchedulerOptions {
  pollTimeoutMs?: number;
  now?: () => number;
  /** The HTTP client handed to adapters; the global fetch unless a test or shell gives another. */
  fetch?: typeof fetch;
}

export class Scheduler {
  private readonly runners = new Map<string, Runner>();
  private readonly healthListeners = new Set<() => void>();
  private running = false;
  private readonly pollTimeoutMs: number;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(
    private readonly store: Store,
    private readonly pipeline: IngestPipeline,
    private readonly logger: Logger,
    options: SchedulerOptions = {},
  ) {
    this.pollTimeoutMs = options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Registers a source; a null adapter means its settings are broken (the error is in its health). */
  add(record: SourceRecord, adapter: SourceAdapter | null, configError?: string): void {
    const runner: Runner = {
      record,
      adapter,
      state: adapter === null ? 'error' : record.enabled ? 'idle' : 'paused',
      consecutiveFailures: 0,
      lastPollAt: null,
      nextPollAt: null,
      timer: null,
      generation: 0,
      abort: null,
    };
    if (configError) runner.record = { ...record, lastError: configError, lastErrorAt: this.now() };
    this.runners.set(record.id, runner);
    if (this.running) this.schedule(runner, 0);
  }

  adapter(id: string): SourceAdapter | null {
    return this.runners.get(id)?.adapter ?? null;
  }

  start(): void {
    this.running = true;
    for (const runner of this.runners.values()) this.schedule(runner, 0);
  }

  stop(): void {
    this.running = false;
    for (const runner of this.runners.values()) this.halt(runner);
  }

  setEnabled(id: string, enabled: boolean): SourceHealth | null {
    const runner = this.runners.get(id);
    if (!runner) return null;
    this.store.sources.setEnabled(id, enabled);
    runner.record = { ...runner.record, enabled };
    this.halt(runner);
    runner.state = !enabled ? 'paused' : runner.adapter === null ? 'error' : 'idle';
    runner.consecutiveFailures = 0;
    if (enabled && this.running) this.schedule(runner, 0);
    this.emitHealth();
    return this.healthOf(runner);
  }

  health(): SourceHealth[] {
    return [...this.runners.values()].map((r) => this.healthOf(r));
  }

  onHealth(listener: () => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  private schedule(runner: Runner, delayMs: number): void {
    if (!this.running || !runner.record.enabled || runner.adapter === null || runner.state === 'done') return;
    if (runner.timer) clearTimeout(runner.timer);
    runner.nextPollAt = this.now() + delayMs;
    const generation = runner.generation;
    runner.timer = setTimeout(() => {
      runner.timer = null;
      void this.poll(runner, generation);
    }, delayMs);
  }

  private halt(runner: Runner): void {
    runner.generation++;
    if (runner.timer) clearTimeout(runner.timer);
    runner.timer = null;
    runner.abort?.abort();
    runner.abort = null;
    runner.nextPollAt = null;
  }

  private async poll(runner: Runner, generation: number): Promise<void> {
    const adapter = runner.adapter;
    if (!adapter || generation !== runner.generation) return;
    const startedAt = this.now();
    runner.state = 'polling';
    runner.lastPollAt = startedAt;
    runner.nextPollAt = null;
    const abort = new AbortController();
    runner.abort = abort;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    try {
      const result = await Promise.race([
        adapter.poll({ cursor: runner.record.cursor, now: startedAt, signal: abort.signal, fetch: this.fetch }),
        new Promise<never>((_, reject) => {
          timeout = setTimeout(() => {
            abort.abort();
            reject(new Error(`no answer within ${formatSeconds(this.pollTimeoutMs)} (timed out)`));
          }, this.pollTimeoutMs);
        }),
      ]);
      if (generation !== runner.generation) return;
      if (!Array.isArray(result.items)) throw new Error('the source returned no list of items');
      const ingested = this.pipeline.ingest(runner.record.id, result.items, result.cursor);
      const at = this.now();
      runner.record = {
        ...runner.record,
        cursor: result.cursor,
        lastSuccessAt: at,
        lastDeliveryAt: ingested.stored.length > 0 ? at : runner.record.lastDeliveryAt,
        itemsTotal: runner.record.itemsTotal + ingested.stored.length,
        itemsSkipped: runner.record.itemsSkipped + ingested.skipped.length,
      };
      runner.consecutiveFailures = 0;
      runner.state = result.done ? 'done' : 'ok';
      if (result.done) this.logger.info('source finished', { source: runner.record.id, total: runner.record.itemsTotal });
      this.schedule(runner, result.moreAvailable ? 0 : runner.record.intervalMs);
    } catch (error) {
      if (generation !== runner.generation) return;
      const message = describeError(error);
      const at = this.now();
      runner.consecutiveFailures++;
      runner.state = 'error';
      runner.record = { ...runner.record, lastError: message, lastErrorAt: at };
      this.store.sources.recordFailure(runner.record.id, message, at);
      const delay = backoffDelay(runner.record.intervalMs, runner.consecutiveFailures);
      this.logger.warn('source poll failed', { source: runner.record.id, error: message, retryInMs: delay });
      this.schedule(runner, delay);
    } finally {
      clearTimeout(timeout);
      if (runner.abort === abort) runner.abort = null;
      this.emitHealth();
    }
  }

  private healthOf(runner: Runner): SourceHealth {
    const r = runner.record;
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      enabled: r.enabled,
      state: r.enabled ? runner.state : 'paused',
      intervalMs: r.intervalMs,
      lastPollAt: runner.lastPollAt,
      lastSuccessAt: r.lastSuccessAt,
      lastDeliveryAt: r.lastDeliveryAt,
      lastError: r.lastError,
      lastErrorAt: r.lastErrorAt,
      consecutiveFailures: runner.consecutiveFailures,
      nextPollAt: runner.nextPollAt,
      itemsTotal: r.itemsTotal,
      itemsSkipped: r.itemsSkipped,
    };
  }

  private emitHealth(): void {
    for (const listener of this.healthListeners) listener();
  }
}

/** An error in plain words, without stack traces or anything that could hold a secret. */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 300) || 'unknown error';
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
