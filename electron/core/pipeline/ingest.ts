/**
 * One batch from one source: check each item, score it, and store the new ones, their rollups and
 * the source's cursor in a single transaction. Listeners get the stored mentions and the minutes
 * that changed only after the commit, so a window never sees data that could still roll back.
 *
 * `ingestAsync` is the entry point for sources: a large batch is scored in the analysis pool's
 * workers while the event loop stays free, then written on this thread. `ingest` scores on this
 * thread and returns at once, for callers that need the result synchronously (drills' ticks, the
 * simulator, tests); both store exactly the same rows.
 */
import type { Mention } from '@shared/domain/mention';
import { floorToMinute } from '@shared/logic/time';
import { analyzeMention, type Analyzer, type MentionAnalysis } from '../analysis/analyze-mention';
import { rollUpEmotions } from '../analysis/emotion-rollup';
import type { Logger } from '../base/logger';
import type { MentionRow } from '../store/queries/mentions';
import type { MinuteIncrement } from '../store/queries/volume';
import type { Store } from '../store/store';
import type { AnalysisPool } from './analysis-pool';
import { specOf, type ScoredBatch } from './analysis-batch';
import { checkMentionInput, type CheckedMention } from './mention-input';
import { mentionTextOf, type MentionText } from './mention-text';
import type { TopicsSpec } from './mention-topics';

export interface SkippedItem {
  index: number;
  reason: string;
}

export interface IngestResult {
  stored: Mention[];
  duplicates: number;
  skipped: SkippedItem[];
  /** Minute keys whose rollup changed. */
  minutes: number[];
}

export type BatchListener = (sourceId: string, result: IngestResult) => void;

/**
 * Work that must commit or roll back with the batch it derives from (topic tags, author profiles,
 * conversation threading). Runs inside the batch's transaction, only for newly stored mentions;
 * a hook that throws rolls the whole batch back, cursor included. A hook may fill derived fields
 * of the mentions it is handed (topic matching sets `topicIds`) so the pushes carry them.
 * `texts[i]` is the text work of `stored[i]` (story fingerprint, terms), done where it was scored.
 */
export type StoredHook = (sourceId: string, stored: Mention[], now: number, texts: readonly MentionText[]) => void;

/**
 * Batch-level work on the scored rows just before they are stored, inside the batch's transaction
 * (the understanding area refines clout and urgency with each author's history here, so no UPDATE
 * follows the insert). Rows that turn out to be duplicates are not stored.
 */
export type RowsHook = (sourceId: string, rows: MentionRow[], now: number) => void;

export interface IngestOptions {
  /** Tags every stored mention as injected by this crisis drill run (see drills). */
  drillRunId?: number;
}

/** Source kinds that bring in history: their mentions count as heard when they were published. */
const HISTORY_KINDS: ReadonlySet<string> = new Set(['import', 'replay']);

/** At most this many skip reasons are logged per batch: a broken feed must not flood the log. */
const LOGGED_SKIPS_PER_BATCH = 5;

/**
 * Smaller batches are scored on the writer's thread: posting them to a worker and back costs about
 * what scoring them does (a few hundred microseconds), and they never stall the event loop.
 */
export const POOL_MIN_BATCH = 64;

export interface PipelineOptions {
  /** Scores large batches off this thread; without it every batch is scored here. */
  pool?: AnalysisPool | null;
}

interface CheckedBatch {
  mentions: CheckedMention[];
  skipped: SkippedItem[];
}

export class IngestPipeline {
  private readonly listeners = new Set<BatchListener>();
  private readonly storedHooks: StoredHook[] = [];
  private readonly rowsHooks: RowsHook[] = [];
  /** How each mention is scored; the understanding area installs the workspace's model and rules. */
  private analyzer: Analyzer | null = null;
  private readonly pool: AnalysisPool | null;
  private closed = false;
  /** Per source, its last batch handed to `ingestAsync` and not yet settled. */
  private readonly tails = new Map<string, Promise<IngestResult>>();
  /** The pool failed once: said in the log once, not per batch. */
  private poolFailureLogged = false;
  /** Per source: does it bring in history? A source's kind never changes, so one lookup each. */
  private readonly bringsHistory = new Map<string, boolean>();

  /** Bumped by every `setTopics`: topics matched in a worker against an older set are matched again on this thread. */
  private topicsVersion = 0;

  private readonly failureListeners = new Set<(error: unknown) => void>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    options: PipelineOptions = {},
  ) {
    this.pool = options.pool ?? null;
  }

  /** Called with the error when a batch could not be written (a full disk, say); the error is still thrown. */
  onWriteFailure(listener: (error: unknown) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  onBatch(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Replaces the scoring step (sentiment, language, intents, first clout and urgency) for later
   * batches, on this thread and in the pool's workers (which get the analyzer's model and settings
   * before any batch sent after this call).
   */
  setAnalyzer(analyzer: Analyzer): void {
    this.analyzer = analyzer;
    this.pool?.configure(specOf(analyzer));
  }

  /**
   * The enabled topics (in matching order) for the pool's workers to match later batches against;
   * a stored hook gets each mention's matches in its text work (`topicIds`) when they are current.
   */
  setTopics(topics: TopicsSpec['topics']): number {
    this.topicsVersion++;
    this.pool?.configureTopics({ version: this.topicsVersion, topics });
    return this.topicsVersion;
  }

  /** The version of the last `setTopics`: `topicIds` in a hook's text work were matched against it. */
  get topicsInUse(): number {
    return this.topicsVersion;
  }

  /** The pool large batches are scored in, if any. */
  analysisPool(): AnalysisPool | null {
    return this.pool;
  }

  /** Stops the pool's workers; a batch still being scored is then not stored. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }

  /** Registers in-transaction work; hooks run in the order they were added. */
  addStoredHook(hook: StoredHook): void {
    this.storedHooks.push(hook);
  }

  /** Registers in-transaction work on the rows before they are stored; hooks run in the order they were added. */
  addRowsHook(hook: RowsHook): void {
    this.rowsHooks.push(hook);
  }

  /** Checks, scores and stores one batch on this thread. */
  ingest(sourceId: string, items: readonly unknown[], cursor: string | null, options: IngestOptions = {}): IngestResult {
    const now = this.now();
    const batch = checkBatch(items, now);
    return this.write(sourceId, batch, this.scoreHere(batch.mentions, now), cursor, options, now);
  }

  /**
   * Checks one batch, scores it in the analysis pool when it is large enough (else here), then
   * stores it: the one entry point for a source delivering a batch and the cursor after it.
   */
  async ingestAsync(sourceId: string, items: readonly unknown[], cursor: string | null, options: IngestOptions = {}): Promise<IngestResult> {
    const now = this.now();
    const batch = checkBatch(items, now);
    const scored = this.scoreOffThread(sourceId, batch.mentions, now);
    // A source's batches are stored in the order they were handed in, even when a later, smaller
    // one is scored first; and none after a batch that failed, so its cursor never skips a batch.
    const previous = this.tails.get(sourceId);
    const written = (async () => {
      const done = await scored;
      if (previous) {
        try {
          await previous;
        } catch (error) {
          throw new Error(`not stored: an earlier batch from source ${sourceId} failed`, { cause: error });
        }
      }
      // Each write starts in an event-loop turn of its own: a batch that was scored while the one
      // before it was written would otherwise follow it at once, and a window's call or a push
      // waiting since then would wait for both.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.closed) throw new Error('the ingest pipeline was closed while a batch was being scored');
      return this.write(sourceId, batch, done ?? this.scoreHere(batch.mentions, now), cursor, options, now);
    })();
    this.tails.set(sourceId, written);
    try {
      return await written;
    } finally {
      if (this.tails.get(sourceId) === written) this.tails.delete(sourceId);
    }
  }

  /** The batch's analyses and text work from the pool, or null where it is to be scored on this thread. */
  private async scoreOffThread(sourceId: string, mentions: readonly CheckedMention[], now: number): Promise<ScoredBatch | null> {
    // Workers still loading (the app's start) would hold a first live batch for about a second.
    if (!this.pool || mentions.length < POOL_MIN_BATCH || this.pool.warmingUp) return null;
    try {
      return await this.pool.score(mentions, now, sourceId);
    } catch (error) {
      if (this.closed) return null;
      if (!this.poolFailureLogged) this.logger.warn('scoring in the analysis pool failed; scoring on the core thread', { error: String(error) });
      this.poolFailureLogged = true;
      return null;
    }
  }

  private scoreHere(mentions: readonly CheckedMention[], now: number): ScoredBatch {
    const analyzer = this.analyzer;
    return {
      analyses: mentions.map((m) => (analyzer ? analyzer.analyze(m, now) : analyzeMention(m, now))),
      texts: mentions.map((m) => mentionTextOf(m.text)),
      topicsVersion: null,
    };
  }

  private write(
    sourceId: string,
    batch: CheckedBatch,
    { analyses, texts, topicsVersion }: ScoredBatch,
    cursor: string | null,
    options: IngestOptions,
    now: number,
  ): IngestResult {
    // Matched against topics changed since: the topic hook matches them again.
    if (topicsVersion !== null && topicsVersion !== this.topicsVersion) for (const t of texts) t.topicIds = null;
    const history = this.isHistory(sourceId);
    const drillRunId = options.drillRunId ?? null;
    const skipped = batch.skipped;
    const rows: MentionRow[] = new Array<MentionRow>(batch.mentions.length);
    for (let i = 0; i < rows.length; i++) {
      const m = batch.mentions[i]!;
      rows[i] = toRow(m, analyses[i]!, sourceId, now, history ? m.publishedAt : now, drillRunId);
    }

    let stored: Mention[];
    try {
      stored = this.store.transaction(() => {
        if (rows.length > 0) for (const hook of this.rowsHooks) hook(sourceId, rows, now);
        const inserted = this.store.mentions.insertMany(rows);
        this.store.volume.add(rollUp(sourceId, inserted));
        if (inserted.length > 0) {
          const storedTexts = textsOfStored(rows, texts, inserted);
          for (const hook of this.storedHooks) hook(sourceId, inserted, now, storedTexts);
        }
        // After the hooks: topic tagging has filled each mention's topicIds by then.
        if (inserted.length > 0) this.store.emotions.add(rollUpEmotions(inserted, (m) => m.topicIds));
        this.store.sources.recordSuccess(sourceId, cursor, now, inserted.length, skipped.length);
        return inserted;
      });
    } catch (error) {
      for (const listener of this.failureListeners) listener(error);
      throw error;
    }

    for (const skip of skipped.slice(0, LOGGED_SKIPS_PER_BATCH)) {
      this.logger.warn('skipped a malformed item', { source: sourceId, index: skip.index, reason: skip.reason });
    }
    if (skipped.length > LOGGED_SKIPS_PER_BATCH) {
      this.logger.warn('skipped more malformed items', { source: sourceId, count: skipped.length - LOGGED_SKIPS_PER_BATCH });
    }

    const result: IngestResult = {
      stored,
      duplicates: rows.length - stored.length,
      skipped,
      minutes: [...new Set(stored.map((m) => floorToMinute(m.publishedAt)))].sort((a, b) => a - b),
    };
    for (const listener of this.listeners) {
      try {
        listener(sourceId, result);
      } catch (error) {
        // A failing listener (a closed window, say) must not undo or block ingestion.
        this.logger.error('batch listener failed', { error: String(error) });
      }
    }
    return result;
  }

  private isHistory(sourceId: string): boolean {
    let history = this.bringsHistory.get(sourceId);
    if (history === undefined) {
      history = HISTORY_KINDS.has(this.store.sources.get(sourceId)?.kind ?? '');
      this.bringsHistory.set(sourceId, history);
    }
    return history;
  }
}

/**
 * The text work of the stored mentions, in their order: they are the rows that were not duplicates,
 * in the rows' order (the first of two rows with one external id is the one stored).
 */
function textsOfStored(rows: readonly MentionRow[], texts: readonly MentionText[], stored: readonly Mention[]): readonly MentionText[] {
  if (stored.length === rows.length) return texts;
  const out: MentionText[] = [];
  for (let i = 0, j = 0; i < rows.length && j < stored.length; i++) {
    if (rows[i]!.externalId !== stored[j]!.externalId) continue;
    out.push(texts[i]!);
    j++;
  }
  return out;
}

function checkBatch(items: readonly unknown[], now: number): CheckedBatch {
  const mentions: CheckedMention[] = [];
  const skipped: SkippedItem[] = [];
  for (let index = 0; index < items.length; index++) {
    const checked = checkMentionInput(items[index], now);
    if (checked.ok) mentions.push(checked.mention);
    else skipped.push({ index, reason: checked.reason });
  }
  return { mentions, skipped };
}

/**
 * The row to store, written out field by field: a row built by spreading the checked mention and
 * its analysis into one object ends up a slow dictionary-mode object in V8, and building, binding
 * and copying those cost more than the whole analysis (npm run bench).
 */
function toRow(m: CheckedMention, a: MentionAnalysis, sourceId: string, ingestedAt: number, heardAt: number, drillRunId: number | null): MentionRow {
  return {
    sourceId,
    externalId: m.externalId,
    platform: m.platform,
    text: m.text,
    url: m.url,
    lang: a.lang,
    publishedAt: m.publishedAt,
    ingestedAt,
    authorHandle: m.authorHandle,
    authorName: m.authorName,
    authorFollowers: m.authorFollowers,
    authorVerified: m.authorVerified,
    likes: m.likes,
    reposts: m.reposts,
    replies: m.replies,
    replyTo: m.replyTo,
    sentiment: a.sentiment,
    sentimentScore: a.sentimentScore,
    sentimentConfidence: a.sentimentConfidence,
    emotion: a.emotion,
    emotionScores: a.emotionScores,
    intents: a.intents,
    clout: a.clout,
    urgency: a.urgency,
    episode: m.episode,
    heardAt,
    drillRunId,
  };
}

/** Sums a batch per (minute, source) so the rollup table sees one upsert per minute, not per row. */
export function rollUp(sourceId: string, mentions: readonly Mention[]): MinuteIncrement[] {
  const byMinute = new Map<number, MinuteIncrement>();
  for (const m of mentions) {
    const minute = floorToMinute(m.publishedAt);
    let inc = byMinute.get(minute);
    if (!inc) {
      inc = { minute, sourceId, total: 0, positive: 0, neutral: 0, negative: 0, reach: 0 };
      byMinute.set(minute, inc);
    }
    inc.total += 1;
    if (m.sentiment !== 'unknown') inc[m.sentiment] += 1;
    inc.reach += m.authorFollowers ?? 0;
  }
  return [...byMinute.values()];
}
