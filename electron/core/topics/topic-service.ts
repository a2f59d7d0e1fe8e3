/**
 * Topics at work: every enabled topic's query is compiled once (again on any change) and every
 * newly stored mention is tested against all of them inside the batch's transaction: tagged,
 * rolled up per (minute, topic), and given its `topicIds` so the live pushes carry them. After the
 * commit the changed per-topic minutes are pushed (`topics.volume.delta`).
 *
 * Creating a topic, editing its query or re-enabling it re-tags stored history in the background
 * (in chunks, one transaction each, yielding between them) and then rebuilds that topic's rollups
 * from its tags; `topics.changed` is pushed when the topic changes and again when history is done.
 */
import type { TopicPreview, TopicShare } from '@shared/contract/areas/topics';
import type { Mention } from '@shared/domain/mention';
import type { Topic, TopicKind, TopicMinuteBucket } from '@shared/domain/topic';
import { compileQuery, prepareDocument, toFts, tryParseQuery, type CompiledQuery, type QueryNode } from '@shared/logic/query';
import { queryErrorInfo } from '@shared/logic/query/query-error';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import { ApiError } from '../api/api-error';
import type { Logger } from '../base/logger';
import type { LiveHub } from '../live/hub';
import type { IngestPipeline, IngestResult } from '../pipeline/ingest';
import type { MentionText } from '../pipeline/mention-text';
import type { MatchRow } from '../store/queries/topic-history';
import type { Store } from '../store/store';

export interface TopicServiceOptions {
  /** Mentions per backfill transaction. */
  backfillChunk?: number;
  /** Most mentions the exact matcher checks for one preview (candidates or a scan). */
  previewExamineLimit?: number;
  /** Mentions checked between two yields to the event loop during a preview. */
  previewPage?: number;
}

export interface TopicChanges {
  name?: string;
  kind?: TopicKind;
  query?: string;
  color?: string | null;
  enabled?: boolean;
}

interface Compiled {
  id: number;
  query: string;
  test: CompiledQuery;
}

const DEFAULT_BACKFILL_CHUNK = 2_000;
const DEFAULT_PREVIEW_EXAMINE_LIMIT = 50_000;
/** Mentions checked between two yields to the event loop during a preview. */
const DEFAULT_PREVIEW_PAGE = 2_000;

export class TopicService {
  private compiled: Compiled[] = [];
  /** The pipeline's version of these topics: matches made in its workers are used only for it. */
  private topicsVersion = 0;
  /** Per topic: bumped when its history must be re-tagged again or it is deleted; an older backfill then stops. */
  private readonly generations = new Map<number, number>();
  private backfills: Promise<void> = Promise.resolve();
  private pendingBackfills = 0;
  private stopped = false;
  private readonly unsubscribe: () => void;
  private readonly backfillChunk: number;
  private readonly previewExamineLimit: number;
  private readonly previewPage: number;

  constructor(
    private readonly store: Store,
    private readonly pipeline: IngestPipeline,
    private readonly hub: LiveHub,
    private readonly logger: Logger,
    private readonly now: () => number,
    options: TopicServiceOptions = {},
  ) {
    this.backfillChunk = options.backfillChunk ?? DEFAULT_BACKFILL_CHUNK;
    this.previewExamineLimit = options.previewExamineLimit ?? DEFAULT_PREVIEW_EXAMINE_LIMIT;
    this.previewPage = options.previewPage ?? DEFAULT_PREVIEW_PAGE;
    this.recompile();
    pipeline.addStoredHook((_sourceId, stored, _now, texts) => this.tagStored(stored, texts));
    this.unsubscribe = pipeline.onBatch((_sourceId, result) => this.pushVolume(result));
  }

  /** Stops background work; the store may be closed afterwards. */
  stop(): void {
    this.stopped = true;
    this.unsubscribe();
  }

  /** Resolves once every backfill started so far has finished (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.pendingBackfills > 0) await this.backfills;
  }

  /** Whether stored history is still being re-tagged for some topic. */
  get backfilling(): boolean {
    return this.pendingBackfills > 0;
  }

  list(): Topic[] {
    return this.store.topics.list();
  }

  create(fields: { name: string; kind: TopicKind; query: string; color?: string | null | undefined; enabled?: boolean | undefined }): Topic {
    const name = fields.name.trim();
    this.checkName(name, null);
    const query = this.checkQuery(fields.query);
    const topic = this.store.topics.create(
      { name, kind: fields.kind, query, color: normaliseColor(fields.color ?? null), enabled: fields.enabled ?? true },
      this.now(),
    );
    this.recompile();
    this.scheduleBackfill(topic);
    this.publishChanged();
    this.logger.info('topic created', { topic: topic.id, name: topic.name });
    return topic;
  }

  update(id: number, changes: TopicChanges): Topic {
    const before = this.store.topics.get(id);
    if (!before) throw new ApiError('not-found', `there is no topic ${id}`);
    const name = changes.name === undefined ? before.name : changes.name.trim();
    if (name !== before.name) this.checkName(name, id);
    const query = changes.query === undefined ? before.query : this.checkQuery(changes.query);
    const enabled = changes.enabled ?? before.enabled;
    const color = changes.color === undefined ? before.color : normaliseColor(changes.color);
    const topic = this.store.topics.update(id, { name, kind: changes.kind ?? before.kind, query, color, enabled }, this.now());
    if (!topic) throw new ApiError('not-found', `there is no topic ${id}`);
    this.recompile();
    const queryChanged = query.trim() !== before.query.trim();
    if (queryChanged || (enabled && !before.enabled)) this.scheduleBackfill(topic);
    this.publishChanged();
    return topic;
  }

  remove(id: number): void {
    if (!this.store.topics.remove(id)) throw new ApiError('not-found', `there is no topic ${id}`);
    this.store.emotions.removeTopic(id);
    this.generations.set(id, (this.generations.get(id) ?? 0) + 1);
    this.recompile();
    this.publishChanged();
    this.logger.info('topic deleted', { topic: id });
  }

  /**
   * Runs a query over stored history: in the FTS5 index where the query allows, with the exact
   * matcher over the candidates where it does not, or over the newest mentions when nothing could
   * use the index. Bounded (at most `previewExamineLimit` mentions are checked one by one), and
   * checked in pages with a yield between them, so a long preview never stalls ingest or pushes.
   */
  async preview(query: string, limit: number): Promise<TopicPreview> {
    const parsed = tryParseQuery(query);
    if (!parsed.ok) return { ok: false, error: queryErrorInfo(parsed.error) };
    const history = this.store.topicHistory;
    const fts = toFts(parsed.ast);
    if (fts.match !== null && fts.exact) {
      const count = history.ftsCount(fts.match);
      const sample = limit > 0 ? history.mentionsByIds(history.ftsNewestIds(fts.match, limit)) : [];
      return { ok: true, count, partial: false, method: 'index', examined: 0, sample };
    }
    const match = fts.match;
    const test = compileQuery(parsed.ast);
    const available = match !== null ? history.ftsCount(match) : this.store.mentions.count();
    const page = (before: number, size: number): MatchRow[] =>
      match !== null ? history.ftsCandidatesBefore(match, before, size) : history.newestBefore(before, size);
    const sampleIds: number[] = [];
    let count = 0;
    let examined = 0;
    let before = Number.MAX_SAFE_INTEGER;
    while (examined < this.previewExamineLimit && !this.stopped) {
      const rows = page(before, Math.min(this.previewPage, this.previewExamineLimit - examined));
      if (rows.length === 0) break;
      for (const row of rows) {
        if (!test(prepareDocument(row))) continue;
        count++;
        if (sampleIds.length < limit) sampleIds.push(row.id);
      }
      examined += rows.length;
      before = rows[rows.length - 1]!.id;
      if (rows.length === this.previewPage) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return {
      ok: true,
      count,
      partial: examined < available,
      method: match !== null ? 'index+filter' : 'scan',
      examined,
      sample: sampleIds.length > 0 && !this.stopped ? history.mentionsByIds(sampleIds) : [],
    };
  }

  shareOfVoice(minutes: number): { from: number; to: number; serverTime: number; total: number; topics: TopicShare[] } {
    const at = this.now();
    const from = floorToMinute(at) - (minutes - 1) * MINUTE_MS;
    const totals = new Map(this.store.topicHistory.totals(from, at).map((t) => [t.topicId, t]));
    const topics = this.store.topics.list();
    const total = topics.reduce((sum, t) => sum + (totals.get(t.id)?.total ?? 0), 0);
    return {
      from,
      to: at,
      serverTime: at,
      total,
      topics: topics.map((t) => {
        const s = totals.get(t.id);
        const n = s?.total ?? 0;
        return {
          topicId: t.id,
          name: t.name,
          kind: t.kind,
          color: t.color,
          enabled: t.enabled,
          total: n,
          positive: s?.positive ?? 0,
          neutral: s?.neutral ?? 0,
          negative: s?.negative ?? 0,
          reach: s?.reach ?? 0,
          share: total === 0 ? 0 : n / total,
        };
      }),
    };
  }

  // ── live matching ──────────────────────────────────────────────────────────────────────────

  private recompile(): void {
    const compiled: Compiled[] = [];
    for (const topic of this.store.topics.list()) {
      if (!topic.enabled) continue;
      const parsed = tryParseQuery(topic.query);
      if (!parsed.ok) {
        // Only possible for a row written by something other than this service; never fatal.
        this.logger.error('topic query does not parse; the topic is not matched', { topic: topic.id, error: parsed.error.message });
        continue;
      }
      compiled.push({ id: topic.id, query: topic.query, test: compileQuery(parsed.ast) });
    }
    this.compiled = compiled;
    this.topicsVersion = this.pipeline.setTopics(compiled.map(({ id, query }) => ({ id, query })));
  }

  /** In the batch's transaction: tag, roll up, and fill `topicIds` on the stored objects. */
  private tagStored(stored: Mention[], texts: readonly MentionText[] | undefined): void {
    if (this.stopped || this.compiled.length === 0) return;
    // Per minute, then per topic: cheaper than a "minute:topic" string key per tag.
    const rollups = new Map<number, Map<number, TopicMinuteBucket>>();
    const tags: number[] = [];
    // Another service on the same pipeline (tests build a second one) may have set the topics since.
    const ours = this.pipeline.topicsInUse === this.topicsVersion;
    for (let i = 0; i < stored.length; i++) {
      const m = stored[i]!;
      // Matched with its scores in a worker when the pipeline had these topics then; else here.
      const ids = (ours ? texts?.[i]?.topicIds : null) ?? this.match(m);
      const minute = floorToMinute(m.publishedAt);
      for (const id of ids) {
        tags.push(m.id, id);
        let byTopic = rollups.get(minute);
        if (!byTopic) rollups.set(minute, (byTopic = new Map()));
        let b = byTopic.get(id);
        if (!b) {
          b = { minute, topicId: id, total: 0, positive: 0, neutral: 0, negative: 0, reach: 0 };
          byTopic.set(id, b);
        }
        b.total += 1;
        if (m.sentiment !== 'unknown') b[m.sentiment] += 1;
        b.reach += m.authorFollowers ?? 0;
      }
      m.topicIds = ids;
    }
    this.store.topics.tagMany(tags);
    if (rollups.size > 0) this.store.topics.addMinutes([...rollups.values()].flatMap((byTopic) => [...byTopic.values()]));
  }

  private match(m: Mention): number[] {
    const doc = prepareDocument(m);
    const ids: number[] = [];
    for (const { id, test } of this.compiled) if (test(doc)) ids.push(id);
    return ids;
  }

  /** After the commit: the per-topic minutes this batch changed, as they now stand. */
  private pushVolume(result: IngestResult): void {
    if (!this.hub.hasSubscribers('topics.volume.delta')) return;
    const keys = new Set<string>();
    const minutes = new Set<number>();
    const topicIds = new Set<number>();
    for (const m of result.stored) {
      if (m.topicIds.length === 0) continue;
      const minute = floorToMinute(m.publishedAt);
      minutes.add(minute);
      for (const id of m.topicIds) {
        topicIds.add(id);
        keys.add(`${minute}:${id}`);
      }
    }
    if (keys.size === 0) return;
    const buckets = this.store.topicHistory.buckets([...minutes], [...topicIds]).filter((b) => keys.has(`${b.minute}:${b.topicId}`));
    this.hub.publish('topics.volume.delta', { buckets });
  }

  private publishChanged(): void {
    this.hub.publish('topics.changed', { topics: this.store.topics.list() });
  }

  // ── history ────────────────────────────────────────────────────────────────────────────────

  /**
   * Re-tags history for a topic. Called right after `recompile`, in the same synchronous turn, so
   * mentions up to `upTo` are this backfill's and every later one is tagged live by the new query.
   */
  private scheduleBackfill(topic: Topic): void {
    const generation = (this.generations.get(topic.id) ?? 0) + 1;
    this.generations.set(topic.id, generation);
    const parsed = tryParseQuery(topic.query);
    if (!parsed.ok) return;
    const upTo = this.store.topicHistory.maxMentionId();
    this.pendingBackfills++;
    this.backfills = this.backfills
      .then(() => this.backfill(topic.id, generation, parsed.ast, upTo))
      .catch((error: unknown) => this.logger.error('re-tagging stored mentions failed', { topic: topic.id, error: String(error) }))
      .finally(() => {
        this.pendingBackfills--;
      });
  }

  private async backfill(topicId: number, generation: number, ast: QueryNode, upTo: number): Promise<void> {
    const current = () => !this.stopped && this.generations.get(topicId) === generation;
    if (!current()) return;
    const test = compileQuery(ast);
    const history = this.store.topicHistory;
    this.store.transaction(() => history.clearTags(topicId, upTo));
    let after = 0;
    let tagged = 0;
    for (;;) {
      if (!current()) return;
      const rows = history.chunk(after, upTo, this.backfillChunk);
      if (rows.length === 0) break;
      this.store.transaction(() => {
        for (const row of rows) {
          if (!test(prepareDocument(row))) continue;
          history.tag(row.id, topicId);
          tagged++;
        }
      });
      after = rows[rows.length - 1]!.id;
      // Let polls, calls and pushes run between chunks: a large history must not freeze the core.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (!current() || !this.store.topics.get(topicId)) return;
    this.store.transaction(() => {
      history.rebuildRollups(topicId);
      this.store.emotions.rebuildTopic(topicId);
    });
    this.logger.info('stored mentions re-tagged for a topic', { topic: topicId, matched: tagged, upToMention: upTo });
    this.publishChanged();
  }

  private checkName(name: string, self: number | null): void {
    const folded = name.toLocaleLowerCase();
    const clash = this.store.topics.list().find((t) => t.id !== self && t.name.toLocaleLowerCase() === folded);
    if (clash) throw new ApiError('conflict', `name: a topic called "${clash.name}" already exists`);
  }

  private checkQuery(query: string): string {
    const parsed = tryParseQuery(query);
    if (!parsed.ok) {
      const e = parsed.error;
      throw new ApiError('bad-params', `query: ${e.message} (at character ${e.offset + 1})`);
    }
    return query.trim();
  }
}

function normaliseColor(color: string | null): string | null {
  return color === null ? null : color.toLowerCase();
}
