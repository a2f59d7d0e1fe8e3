/**
 * Runs every enabled source on its own timer. A poll that throws, rejects or hangs only affects
 * its own source: it is timed out, its health says why in plain words, and it is retried with
 * backoff while the others keep their pace. A platform that says "slow down" (HTTP 429,
 * Retry-After, a rate-limit reset header) is left alone for exactly as long as it asked, within
 * sane bounds, and that wait survives a restart.
 */
import type { SourceHealth, SourceRunState } from '@shared/domain/source';
import { MINUTE_MS } from '@shared/logic/time';
import type { Logger } from '../base/logger';
import type { IngestPipeline } from '../pipeline/ingest';
import { createOutboundGuard, type OutboundGuard } from '../net/outbound-guard';
import { OutboundPolicy } from '../net/outbound-policy';
import { RateLimitError, type SourceAdapter } from '../sources/adapter';
import type { SourceRecord } from '../store/queries/sources';
import type { Store } from '../store/store';
import { backoffDelay } from './backoff';
import { describeError, runPoll } from './run-poll';

export const DEFAULT_POLL_TIMEOUT_MS = 30_000;
/** A Retry-After below this is treated as this: a platform that says "0" still gets a breath. */
export const MIN_RATE_LIMIT_WAIT_MS = 1_000;
/** ...and above this is capped, so a wrong header (or a daily quota) cannot silence a source for days. */
export const MAX_RATE_LIMIT_WAIT_MS = 60 * MINUTE_MS;
/** Items per minute are averaged over this much of the recent past. */
export const RATE_WINDOW_MS = 5 * MINUTE_MS;

interface Runner {
  record: SourceRecord;
  adapter: SourceAdapter | null;
  state: SourceRunState;
  consecutiveFailures: number;
  /** Rate-limit answers in a row that did not say how long to wait (they back off). */
  unspecifiedRateLimits: number;
  lastPollAt: number | null;
  nextPollAt: number | null;
  timer: ReturnType<typeof setTimeout> | null;
  /** Bumped on stop/pause so a late answer from an abandoned poll is ignored. */
  generation: number;
  abort: AbortController | null;
  /** When this runner began counting deliveries (for items per minute early on). */
  since: number;
  /** Stored mentions per batch over the last RATE_WINDOW_MS, oldest first. */
  deliveries: Array<{ at: number; count: number }>;
  newestPublishedAt: number | null;
  rateLimitedUntil: number | null;
  /** Secret values of this source, blanked out of any error text before it is shown or logged. */
  redact: readonly string[];
}

export interface SchedulerOptions {
  pollTimeoutMs?: number;
  now?: () => number;
  /**
   * How adapters reach the network. Without one, a guard with an empty allowlist: every internal
   * address is refused (the app passes the guard that reads Settings → Outbound).
   */
  outbound?: OutboundGuard;
}

export class Scheduler {
  private readonly runners = new Map<string, Runner>();
  private readonly healthListeners = new Set<() => void>();
  private running = false;
  private readonly pollTimeoutMs: number;
  private readonly now: () => number;
  private readonly guard: OutboundGuard;

  constructor(
    private readonly store: Store,
    private readonly pipeline: IngestPipeline,
    private readonly logger: Logger,
    options: SchedulerOptions = {},
  ) {
    this.pollTimeoutMs = options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
    this.guard = options.outbound ?? createOutboundGuard(() => OutboundPolicy.fromLines([]));
    // The newest publication time moves with the batch that carries it (same transaction).
    pipeline.addStoredHook((sourceId, stored) => {
      let newest = -Infinity;
      for (const m of stored) if (m.publishedAt > newest) newest = m.publishedAt;
      if (Number.isFinite(newest)) store.sources.noteNewest(sourceId, newest);
    });
    // After the commit: rate and lag for every way mentions arrive (polls, webhooks, imports).
    pipeline.onBatch((sourceId, result) => {
      const runner = this.runners.get(sourceId);
      if (!runner || result.stored.length === 0) return;
      const at = this.now();
      runner.deliveries.push({ at, count: result.stored.length });
      pruneDeliveries(runner, at);
      for (const m of result.stored) {
        if (runner.newestPublishedAt === null || m.publishedAt > runner.newestPublishedAt) runner.newestPublishedAt = m.publishedAt;
      }
    });
  }

  /** The outbound guard adapters get; "test connection" uses the same one. */
  get outbound(): OutboundGuard {
    return this.guard;
  }

  get timeoutMs(): number {
    return this.pollTimeoutMs;
  }

  /**
   * Registers a source; a null adapter means its settings are broken (the error is in its health).
   * `redact` lists the source's secret values, which never appear in its errors or the log.
   */
  add(record: SourceRecord, adapter: SourceAdapter | null, configError?: string, redact: readonly string[] = []): void {
    const at = this.now();
    const rateLimitedUntil = record.rateLimitedUntil !== null && record.rateLimitedUntil > at ? record.rateLimitedUntil : null;
    const runner: Runner = {
      record,
      adapter,
      state: adapter === null ? 'error' : !record.enabled ? 'paused' : rateLimitedUntil !== null ? 'rate-limited' : 'idle',
      consecutiveFailures: 0,
      unspecifiedRateLimits: 0,
      lastPollAt: null,
      nextPollAt: null,
      timer: null,
      generation: 0,
      abort: null,
      since: at,
      deliveries: [],
      newestPublishedAt: record.newestPublishedAt,
      rateLimitedUntil,
      redact: redact.filter((v) => v.length > 0),
    };
    if (configError) runner.record = { ...record, lastError: redactText(configError, runner.redact), lastErrorAt: at };
    this.runners.set(record.id, runner);
    if (this.running) this.schedule(runner, 0);
    this.emitHealth();
  }

  /**
   * Stops a source for good: no more polls, an answer in flight is ignored, and its adapter is
   * closed. Returns false when no such source runs.
   */
  remove(id: string): boolean {
    const runner = this.runners.get(id);
    if (!runner) return false;
    this.halt(runner);
    this.runners.delete(id);
    this.closeAdapter(runner);
    this.emitHealth();
    return true;
  }

  /** Swaps a source's settings and adapter (after an edit): the old one stops, the new one starts. */
  replace(record: SourceRecord, adapter: SourceAdapter | null, configError?: string, redact: readonly string[] = []): void {
    const old = this.runners.get(record.id);
    if (old) {
      this.halt(old);
      this.closeAdapter(old);
    }
    this.add(record, adapter, configError, redact);
    // What it delivered lately is still true of the source, whatever its new settings.
    const fresh = this.runners.get(record.id);
    if (old && fresh) {
      fresh.deliveries = old.deliveries;
      fresh.since = old.since;
    }
  }

  has(id: string): boolean {
    return this.runners.has(id);
  }

  adapter(id: string): SourceAdapter | null {
    return this.runners.get(id)?.adapter ?? null;
  }

  start(): void {
    this.running = true;
    for (const runner of this.runners.values()) this.schedule(runner, 0);
  }

  /** Stops every source and releases what adapters hold. The scheduler is not started again. */
  stop(): void {
    this.running = false;
    for (const runner of this.runners.values()) {
      this.halt(runner);
      this.closeAdapter(runner);
    }
  }

  setEnabled(id: string, enabled: boolean): SourceHealth | null {
    const runner = this.runners.get(id);
    if (!runner) return null;
    const changed = runner.record.enabled !== enabled;
    this.store.transaction(() => {
      this.store.sources.setEnabled(id, enabled);
      if (changed) this.store.sourceEvents.add(this.now(), id, enabled ? 'resumed' : 'paused');
    });
    runner.record = { ...runner.record, enabled };
    this.halt(runner);
    // A paused stream should not keep its connection (and buffer) open; its next poll reopens it.
    if (!enabled) this.closeAdapter(runner);
    runner.state = !enabled ? 'paused' : runner.adapter === null ? 'error' : this.isRateLimited(runner) ? 'rate-limited' : 'idle';
    runner.consecutiveFailures = 0;
    if (enabled && this.running) this.schedule(runner, 0);
    this.emitHealth();
    return this.healthOf(runner, this.now());
  }

  health(): SourceHealth[] {
    const at = this.now();
    return [...this.runners.values()].map((r) => this.healthOf(r, at));
  }

  healthOfSource(id: string): SourceHealth | null {
    const runner = this.runners.get(id);
    return runner ? this.healthOf(runner, this.now()) : null;
  }

  onHealth(listener: () => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  private isRateLimited(runner: Runner): boolean {
    return runner.rateLimitedUntil !== null && runner.rateLimitedUntil > this.now();
  }

  private schedule(runner: Runner, delayMs: number): void {
    if (!this.running || !runner.record.enabled || runner.adapter === null || runner.state === 'done') return;
    if (runner.timer) clearTimeout(runner.timer);
    const at = this.now();
    // Nothing polls a source before the time its platform asked for, whoever asks.
    const wait = runner.rateLimitedUntil !== null && runner.rateLimitedUntil > at ? Math.max(delayMs, runner.rateLimitedUntil - at) : delayMs;
    runner.nextPollAt = at + wait;
    const generation = runner.generation;
    runner.timer = setTimeout(() => {
      runner.timer = null;
      void this.poll(runner, generation);
    }, wait);
  }

  private halt(runner: Runner): void {
    runner.generation++;
    if (runner.timer) clearTimeout(runner.timer);
    runner.timer = null;
    runner.abort?.abort();
    runner.abort = null;
    runner.nextPollAt = null;
  }

  private closeAdapter(runner: Runner): void {
    const adapter = runner.adapter;
    if (!adapter?.close) return;
    try {
      Promise.resolve(adapter.close()).catch((error: unknown) =>
        this.logger.warn('source did not close cleanly', { source: runner.record.id, error: redactText(describeError(error), runner.redact) }),
      );
    } catch (error) {
      this.logger.warn('source did not close cleanly', { source: runner.record.id, error: redactText(describeError(error), runner.redact) });
    }
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
    try {
      const result = await runPoll(adapter, { cursor: runner.record.cursor, now: startedAt, outbound: this.guard, timeoutMs: this.pollTimeoutMs, abort });
      if (generation !== runner.generation) return;
      const ingested = await this.pipeline.ingestAsync(runner.record.id, result.items, result.cursor);
      // Edited, paused or removed while the batch was written: the batch is stored, but this poll
      // must not reschedule an adapter that has been closed (a new runner polls on its own).
      if (generation !== runner.generation) return;
      const at = this.now();
      // The record (review) keeps the way back to normal, not every normal poll.
      if (runner.consecutiveFailures > 0 || runner.rateLimitedUntil !== null) this.store.sourceEvents.add(at, runner.record.id, 'recovered');
      if (result.done) this.store.sourceEvents.add(at, runner.record.id, 'finished');
      runner.record = {
        ...runner.record,
        cursor: result.cursor,
        lastSuccessAt: at,
        lastDeliveryAt: ingested.stored.length > 0 ? at : runner.record.lastDeliveryAt,
        itemsTotal: runner.record.itemsTotal + ingested.stored.length,
        itemsSkipped: runner.record.itemsSkipped + ingested.skipped.length,
        rateLimitedUntil: null,
      };
      runner.consecutiveFailures = 0;
      runner.unspecifiedRateLimits = 0;
      runner.rateLimitedUntil = null;
      runner.state = result.done ? 'done' : 'ok';
      if (result.done) this.logger.info('source finished', { source: runner.record.id, total: runner.record.itemsTotal });
      this.schedule(runner, result.moreAvailable ? 0 : runner.record.intervalMs);
    } catch (error) {
      if (generation !== runner.generation) return;
      if (error instanceof RateLimitError) this.rateLimited(runner, error);
      else this.failed(runner, error);
    } finally {
      if (runner.abort === abort) runner.abort = null;
      this.emitHealth();
    }
  }

  private failed(runner: Runner, error: unknown): void {
    const message = redactText(describeError(error), runner.redact);
    const at = this.now();
    runner.consecutiveFailures++;
    runner.state = 'error';
    runner.record = { ...runner.record, lastError: message, lastErrorAt: at };
    this.store.transaction(() => {
      this.store.sources.recordFailure(runner.record.id, message, at);
      this.store.sourceEvents.add(at, runner.record.id, 'failed', { error: message, consecutiveFailures: runner.consecutiveFailures });
    });
    const delay = backoffDelay(runner.record.intervalMs, runner.consecutiveFailures);
    this.logger.warn('source poll failed', { source: runner.record.id, error: message, retryInMs: delay });
    this.schedule(runner, delay);
  }

  /** Not a failure: the platform works and asked us to wait. The wait is kept across restarts. */
  private rateLimited(runner: Runner, error: RateLimitError): void {
    const at = this.now();
    let wait: number;
    if (error.retryAfterMs !== null && Number.isFinite(error.retryAfterMs)) {
      runner.unspecifiedRateLimits = 0;
      wait = rateLimitWaitMs(error.retryAfterMs);
    } else {
      runner.unspecifiedRateLimits++;
      wait = Math.max(runner.record.intervalMs, backoffDelay(runner.record.intervalMs, runner.unspecifiedRateLimits));
    }
    const until = at + wait;
    const message = redactText(`rate limited: ${describeError(error)}`, runner.redact);
    runner.state = 'rate-limited';
    runner.rateLimitedUntil = until;
    runner.record = { ...runner.record, lastError: message, lastErrorAt: at, rateLimitedUntil: until };
    this.store.transaction(() => {
      this.store.sources.recordFailure(runner.record.id, message, at);
      this.store.sources.setRateLimitedUntil(runner.record.id, until);
      this.store.sourceEvents.add(at, runner.record.id, 'rate-limited', {
        error: message,
        rateLimitedUntil: until,
        consecutiveFailures: runner.consecutiveFailures,
      });
    });
    this.logger.warn('source rate limited', { source: runner.record.id, error: message, retryInMs: wait });
    // schedule() waits until rateLimitedUntil itself: exactly then, not `wait` after a later clock reading.
    this.schedule(runner, 0);
  }

  private healthOf(runner: Runner, at: number): SourceHealth {
    const r = runner.record;
    pruneDeliveries(runner, at);
    const delivered = runner.deliveries.reduce((sum, d) => sum + d.count, 0);
    // Early in a run, divide by the time actually watched (at least a minute), not the full window.
    const watchedMs = Math.min(RATE_WINDOW_MS, Math.max(MINUTE_MS, at - runner.since));
    const rateLimitedUntil = runner.rateLimitedUntil !== null && runner.rateLimitedUntil > at ? runner.rateLimitedUntil : null;
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
      itemsPerMinute: Math.round((delivered / watchedMs) * MINUTE_MS * 10) / 10,
      newestPublishedAt: runner.newestPublishedAt,
      lagMs: runner.newestPublishedAt === null ? null : Math.max(0, at - runner.newestPublishedAt),
      rateLimitedUntil,
    };
  }

  private emitHealth(): void {
    for (const listener of this.healthListeners) listener();
  }
}

/** How long to wait after a rate-limit answer that said how long: exactly that, within bounds. */
export function rateLimitWaitMs(retryAfterMs: number): number {
  return Math.round(Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(MIN_RATE_LIMIT_WAIT_MS, retryAfterMs)));
}

/** Replaces every secret value in `text` with "••••" (an adapter might echo a URL with its key). */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('••••');
  return out;
}

function pruneDeliveries(runner: Runner, at: number): void {
  const from = at - RATE_WINDOW_MS;
  let drop = 0;
  while (drop < runner.deliveries.length && runner.deliveries[drop]!.at <= from) drop++;
  if (drop > 0) runner.deliveries.splice(0, drop);
}
