/**
 * One batch from one source: check each item, score it, and store the new ones, their rollups and
 * the source's cursor in a single transaction. Listeners get the stored mentions and the minutes
 * that changed only after the commit, so a window never sees data that could still roll back.
 */
import type { Mention } from '../../../shared/domain/mention';
import { floorToMinute } from '../../../shared/logic/time';
import { analyzeMention, type MentionAnalysis } from '../analysis/analyze-mention';
import { rollUpEmotions } from '../analysis/emotion-rollup';
import type { Logger } from '../base/logger';
import type { MentionRow } from '../store/queries/mentions';
import type { MinuteIncrement } from '../store/queries/volume';
import type { Store } from '../store/store';
import { checkMentionInput, type CheckedMention } from './mention-input';

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
 */
export type StoredHook = (sourceId: string, stored: Mention[], now: number) => void;

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

export class IngestPipeline {
  private readonly listeners = new Set<BatchListener>();
  private readonly storedHooks: StoredHook[] = [];
  private readonly rowsHooks: RowsHook[] = [];
  /** How each mention is scored; the understanding area installs the workspace's model and rules. */
  private analyze: (mention: CheckedMention, now: number) => MentionAnalysis = analyzeMention;
  /** Per source: does it bring in history? A source's kind never changes, so one lookup each. */
  private readonly bringsHistory = new Map<string, boolean>();

  private readonly failureListeners = new Set<(error: unknown) => void>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called with the error when a batch could not be written (a full disk, say); the error is still thrown. */
  onWriteFailure(listener: (error: unknown) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  onBatch(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the scoring step (sentiment, language, intents, first clout and urgency) for later batches. */
  setAnalyzer(analyze: (mention: CheckedMention, now: number) => MentionAnalysis): void {
    this.analyze = analyze;
  }

  /** Registers in-transaction work; hooks run in the order they were added. */
  addStoredHook(hook: StoredHook): void {
    this.storedHooks.push(hook);
  }

  /** Registers in-transaction work on the rows before they are stored; hooks run in the order they were added. */
  addRowsHook(hook: RowsHook): void {
    this.rowsHooks.push(hook);
  }

  ingest(sourceId: string, items: readonly unknown[], cursor: string | null, options: IngestOptions = {}): IngestResult {
    const now = this.now();
    const history = this.isHistory(sourceId);
    const drillRunId = options.drillRunId ?? null;
    const rows: MentionRow[] = [];
    const skipped: SkippedItem[] = [];
    items.forEach((item, index) => {
      const checked = checkMentionInput(item, now);
      if (!checked.ok) {
        skipped.push({ index, reason: checked.reason });
        return;
      }
      const heardAt = history ? checked.mention.publishedAt : now;
      rows.push(toRow(checked.mention, this.analyze(checked.mention, now), sourceId, now, heardAt, drillRunId));
    });

    let stored: Mention[];
    try {
      stored = this.store.transaction(() => {
        if (rows.length > 0) for (const hook of this.rowsHooks) hook(sourceId, rows, now);
        const inserted = this.store.mentions.insertMany(rows);
        this.store.volume.add(rollUp(sourceId, inserted));
        if (inserted.length > 0) for (const hook of this.storedHooks) hook(sourceId, inserted, now);
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
