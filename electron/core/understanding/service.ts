/**
 * The understanding area's long-lived part, one per workspace: it installs the workspace's
 * analyzer (shipped model + adjustments learned from its labelled sets and corrections + stored
 * intent rules + clout weights) in
 * the ingest pipeline, and in each batch's transaction updates author profiles, refines clout and
 * urgency with the author's history, and counts trending terms.
 */
import type { Author, AuthorSegment } from '@shared/domain/author';
import { RULE_FEATURE_DESCRIPTIONS, type MentionExplanation } from '@shared/domain/explanation';
import { DEFAULT_INTENT_RULES, intentRulesSchema, type IntentRule } from '@shared/domain/intents';
import type { Mention, SentimentLabel } from '@shared/domain/mention';
import type { TrendingTerm } from '@shared/domain/trends';
import {
  cloutComponents,
  cloutWeightsSchema,
  computeClout,
  computeUrgency,
  DEFAULT_CLOUT_WEIGHTS,
  engagementOf,
  urgencyComponents,
  type CloutWeights,
} from '@shared/logic/clout';
import { segmentOf } from '@shared/logic/segments';
import { floorToMinute } from '@shared/logic/time';
import { createAnalyzer, type Analyzer } from '../analysis/analyze-mention';
import type { Adjustments, SentimentModel } from '../analysis/sentiment-model';
import type { Logger } from '../base/logger';
import { ApiError } from '../api/api-error';
import type { LiveHub } from '../live/hub';
import type { IngestPipeline } from '../pipeline/ingest';
import type { MentionText } from '../pipeline/mention-text';
import { addIncrement, authorKeyOf, type AuthorIncrement } from '../store/queries/authors';
import type { MentionRow } from '../store/queries/mentions';
import type { SentimentCorrection, TermIncrement } from '../store/queries/understanding';
import type { LabelledPost, LabelledSetSummary } from '../store/queries/labelled-posts';
import type { Store } from '../store/store';
import { CORRECTIONS, LABELLED_SET, learnAdjustments } from './adaptation';
import { extractTerms } from './terms';
import { ALL_TOPICS, trendingTerms } from './trends';

export const INTENT_RULES_KEY = 'understanding.intentRules';
export const CLOUT_WEIGHTS_KEY = 'understanding.cloutWeights';
/** Trends compare the window with the BASELINE_FACTOR windows just before it. */
export const BASELINE_FACTOR = 4;

export interface UnderstandingDeps {
  store: Store;
  pipeline: IngestPipeline;
  hub: LiveHub;
  logger: Logger;
  now: () => number;
  model?: SentimentModel;
}

export class UnderstandingService {
  private installed!: Analyzer;
  private readonly pipeline: IngestPipeline;
  /** Adjustments learned from the labelled sets alone; corrections are learned on top of them. */
  private labelledAdjustments: Adjustments = new Map();
  /** The current batch's rows and its authors as stored before it, from `onRows` to `onStored`. */
  private prepared: { rows: readonly MentionRow[]; before: ReadonlyMap<string, Author> } | null = null;
  private readonly store: Store;
  private readonly hub: LiveHub;
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(deps: UnderstandingDeps) {
    this.store = deps.store;
    this.hub = deps.hub;
    this.logger = deps.logger;
    this.now = deps.now;
    this.pipeline = deps.pipeline;
    const base = createAnalyzer(deps.model ? { model: deps.model } : {});
    this.analyzer = base.withIntentRules(this.readIntentRules()).withCloutWeights(this.readCloutWeights());
    this.labelledAdjustments = learnAdjustments(this.analyzer.model, this.store.labelled.all(), LABELLED_SET);
    this.relearn();
    deps.pipeline.addRowsHook((_sourceId, rows, at) => this.onRows(rows, at));
    deps.pipeline.addStoredHook((_sourceId, stored, at, texts) => this.onStored(stored, at, texts));
  }

  get current(): Analyzer {
    return this.installed;
  }

  private get analyzer(): Analyzer {
    return this.installed;
  }

  /** Every change (corrections, rules, weights) goes to the pipeline, which hands it to its scoring workers. */
  private set analyzer(next: Analyzer) {
    this.installed = next;
    this.pipeline.setAnalyzer(next);
  }

  // ---- in the batch transaction -------------------------------------------------------------

  /**
   * Before the insert: each row's clout and urgency from its author's history including this batch,
   * assuming every row is new (the usual case), so the rows are stored with them and no UPDATE
   * follows. `onStored` checks the assumption and corrects the mentions where duplicates made it wrong.
   */
  onRows(rows: MentionRow[], now: number): void {
    const weights = this.analyzer.cloutWeights;
    const entries = groupByAuthor(rows);
    const before = this.store.authors.profilesOf(entries.map((e) => e.inc));
    for (const { inc, mentions } of entries) {
      const author = addIncrement(before.get(authorKeyOf(inc.platform, inc.handle)), inc);
      for (const m of mentions) {
        const { clout, urgency } = scoreMention(m, author, weights, now);
        m.clout = clout;
        m.urgency = urgency;
      }
    }
    this.prepared = { rows, before };
  }

  /**
   * Authors, history-aware clout and urgency, and term counts for newly stored mentions; each
   * mention's terms come from `texts` when they were extracted with its scores.
   */
  onStored(stored: Mention[], now: number, texts?: readonly MentionText[]): void {
    const weights = this.analyzer.cloutWeights;
    const prepared = this.prepared;
    this.prepared = null;
    // The authors as read before this batch's insert, if `onRows` saw this batch (stored is then a subsequence of its rows).
    const known = prepared !== null && isSubsequence(stored, prepared.rows) ? prepared : null;
    const entries = groupByAuthor(stored);
    const authors = this.store.authors.addBatch(
      entries.map((e) => e.inc),
      (author) => {
        const avgEngagement = author.mentions > 0 ? author.engagement / author.mentions : 0;
        const clout = computeClout(
          {
            followers: author.followers,
            engagement: avgEngagement,
            verified: author.verified,
            mentionCount: author.mentions,
            engagementTotal: author.engagement,
          },
          weights,
        );
        return { clout, segment: segmentOf({ positive: author.positive, neutral: author.neutral, negative: author.negative, clout }) };
      },
      known?.before,
    );
    // Every row was stored: the clout and urgency they were stored with are already these.
    if (known === null || stored.length !== known.rows.length) {
      entries.forEach((entry, i) => {
        const author = authors[i]!;
        for (const m of entry.mentions) {
          const { clout, urgency } = scoreMention(m, author, weights, now);
          if (clout !== m.clout || urgency !== m.urgency) {
            this.store.understanding.setClout(m.id, clout, urgency);
            m.clout = clout;
            m.urgency = urgency;
          }
        }
      });
    }

    // Per minute, term and topic (nested maps: joining the three into one string key cost more than the rest of the hook).
    const terms = new Map<number, Map<string, Map<number, TermIncrement>>>();
    for (let i = 0; i < stored.length; i++) {
      const m = stored[i]!;
      const minute = floorToMinute(m.publishedAt);
      let byTerm = terms.get(minute);
      if (!byTerm) terms.set(minute, (byTerm = new Map()));
      for (const term of texts?.[i]?.terms ?? extractTerms(m.text)) {
        let byTopic = byTerm.get(term);
        if (!byTopic) byTerm.set(term, (byTopic = new Map()));
        countTerm(byTopic, ALL_TOPICS, minute, term);
        for (const topicId of m.topicIds) countTerm(byTopic, topicId, minute, term);
      }
    }
    this.store.understanding.addTerms(flatten(terms));
  }

  // ---- explanations and corrections ---------------------------------------------------------

  private mention(id: number): Mention {
    const m = this.store.mentions.byIds([id])[0];
    if (!m) throw new ApiError('not-found', `no mention with id ${id}`);
    return m;
  }

  explain(id: number): MentionExplanation {
    const mention = this.mention(id);
    const { sentiment, model, emotion, intents } = this.analyzer.explain(mention.text, mention.lang);
    const correction = this.store.understanding.latestCorrection(id);
    const author = this.store.authors.byHandle(mention.platform, mention.authorHandle);
    const engagement = engagementOf(mention);
    return {
      mention,
      model: {
        label: sentiment.label,
        score: sentiment.score,
        confidence: sentiment.confidence,
        probabilities: model?.probabilities ?? null,
        bias: model?.bias ?? null,
      },
      language: { code: sentiment.language, source: sentiment.languageSource, reason: sentiment.languageReason, supported: sentiment.supported },
      pushes: (model?.contributions ?? []).slice(0, 25).map((c) => ({ ...c, description: RULE_FEATURE_DESCRIPTIONS[c.feature] ?? null })),
      rules: model?.rules.fired ?? [],
      lexiconHits: model?.rules.hits ?? [],
      intents,
      emotion: emotion
        ? {
            label: emotion.result.emotion,
            scores: emotion.result.scores,
            pushes: emotion.pushes
              .slice(0, 12)
              .map((p) => ({ feature: p.feature, description: RULE_FEATURE_DESCRIPTIONS[p.feature] ?? null, toward: p.toward, strength: p.strength })),
          }
        : null,
      correction: correction
        ? { label: correction.label, previousLabel: correction.previousLabel, by: correction.correctedBy, at: correction.correctedAt }
        : null,
      cloutParts: cloutComponents({
        followers: mention.authorFollowers ?? author?.followers ?? 0,
        engagement,
        verified: mention.authorVerified,
        mentionCount: author?.mentions ?? 1,
        engagementTotal: author?.engagement ?? engagement,
      }),
      urgencyParts: urgencyComponents({
        sentiment: mention.sentiment,
        confidence: mention.sentimentConfidence,
        crisis: mention.intents.includes('crisis'),
        clout: mention.clout,
        engagement,
        ageMs: mention.ingestedAt - mention.publishedAt,
      }),
    };
  }

  /**
   * Stores the correction, relabels the mention, moves one count from the old label to the new in
   * the source's and the topics' minute rollups and in the author's profile (one transaction),
   * then re-learns the workspace's adjustments and pushes what changed.
   */
  correct(id: number, label: SentimentLabel, by: string): { mention: Mention; correction: SentimentCorrection } {
    const before = this.mention(id);
    const at = this.now();
    const minute = floorToMinute(before.publishedAt);
    const correction = this.store.transaction(() => {
      const c = this.store.understanding.recordCorrection(id, before.sentiment, label, by, at);
      if (before.sentiment !== label) {
        this.store.understanding.moveRollups(id, before.sourceId, minute, before.sentiment, label);
        const author = this.store.authors.moveLabel(before.platform, before.authorHandle, before.sentiment, label);
        if (author) this.store.authors.setDerived(author.id, author.clout, segmentOf(author) satisfies AuthorSegment);
      }
      return c;
    });
    this.relearn();
    const mention = this.mention(id);
    this.logger.info('sentiment corrected', { mention: id, from: before.sentiment, to: label });
    if (before.sentiment !== label) {
      if (this.hub.hasSubscribers('volume.delta')) this.hub.publish('volume.delta', { buckets: this.store.volume.minutes([minute]) });
      if (this.hub.hasSubscribers('topics.volume.delta'))
        this.hub.publish('topics.volume.delta', { buckets: this.store.understanding.topicBucketsOf(id, minute) });
    }
    this.hub.publish('mentions.corrected', { mention, correction });
    return { mention, correction };
  }

  // ---- the workspace's adaptation -----------------------------------------------------------

  /**
   * The analyzer's adjustments: the labelled sets' (learned with LABELLED_SET, kept until a set
   * changes), then the corrections' on top (CORRECTIONS), so one correction still flips its post.
   */
  private relearn(): void {
    const corrections = this.store.understanding.correctionExamples();
    this.analyzer = this.analyzer.withAdjustments(learnAdjustments(this.analyzer.model, corrections, CORRECTIONS, this.labelledAdjustments));
  }

  private relearnLabelled(): void {
    this.labelledAdjustments = learnAdjustments(this.analyzer.model, this.store.labelled.all(), LABELLED_SET);
    this.relearn();
  }

  /**
   * Adds labelled posts of this workspace's trade to a named set and re-learns the adaptation;
   * mentions stored from now on are scored with it (stored ones keep their labels).
   */
  addLabelled(setName: string, posts: readonly LabelledPost[], by: string): { added: number; sets: LabelledSetSummary[] } {
    const added = this.store.labelled.add(setName, posts, by, this.now());
    this.relearnLabelled();
    this.logger.info('labelled posts added to the sentiment adaptation', { set: setName, added, by });
    return { added, sets: this.store.labelled.sets() };
  }

  removeLabelledSet(setName: string, by: string): { removed: number; sets: LabelledSetSummary[] } {
    const removed = this.store.labelled.removeSet(setName);
    if (removed === 0) throw new ApiError('not-found', `no labelled set named "${setName}"`);
    this.relearnLabelled();
    this.logger.info('labelled set removed from the sentiment adaptation', { set: setName, removed, by });
    return { removed, sets: this.store.labelled.sets() };
  }

  labelledSets(): LabelledSetSummary[] {
    return this.store.labelled.sets();
  }

  // ---- settings -----------------------------------------------------------------------------

  private readIntentRules(): IntentRule[] {
    const stored = this.store.settings.get(INTENT_RULES_KEY);
    if (stored === undefined || stored === null) return DEFAULT_INTENT_RULES;
    const parsed = intentRulesSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    this.logger.warn('stored intent rules are invalid; using the defaults', { error: parsed.error.issues[0]?.message ?? 'invalid' });
    return DEFAULT_INTENT_RULES;
  }

  private readCloutWeights(): CloutWeights {
    const stored = this.store.settings.get(CLOUT_WEIGHTS_KEY);
    if (stored === undefined) return DEFAULT_CLOUT_WEIGHTS;
    const parsed = cloutWeightsSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    this.logger.warn('stored clout weights are invalid; using the defaults', { error: parsed.error.issues[0]?.message ?? 'invalid' });
    return DEFAULT_CLOUT_WEIGHTS;
  }

  intentRules(): { rules: IntentRule[]; isDefault: boolean } {
    const stored = this.store.settings.get(INTENT_RULES_KEY);
    return { rules: [...this.analyzer.intentRules], isDefault: stored === undefined || stored === null };
  }

  /** Applies to mentions stored from now on; null goes back to the shipped defaults. */
  setIntentRules(rules: IntentRule[] | null): { rules: IntentRule[]; isDefault: boolean } {
    // Stored null means "the shipped defaults", so later releases' default changes reach this workspace.
    this.store.settings.set(INTENT_RULES_KEY, rules);
    this.analyzer = this.analyzer.withIntentRules(rules ?? DEFAULT_INTENT_RULES);
    return this.intentRules();
  }

  cloutWeights(): CloutWeights {
    return this.analyzer.cloutWeights;
  }

  setCloutWeights(weights: CloutWeights): CloutWeights {
    this.store.settings.set(CLOUT_WEIGHTS_KEY, weights);
    this.analyzer = this.analyzer.withCloutWeights(weights);
    return weights;
  }

  trends(topicId: number | null, windowMinutes: number, limit: number): TrendingTerm[] {
    return trendingTerms(this.store, { topicId, windowMinutes, baselineMinutes: windowMinutes * BASELINE_FACTOR, now: this.now(), limit });
  }
}

function countTerm(byTopic: Map<number, TermIncrement>, topicId: number, minute: number, term: string): void {
  const t = byTopic.get(topicId);
  if (t) t.count++;
  else byTopic.set(topicId, { topicId, minute, term, count: 1 });
}

function* flatten(terms: Map<number, Map<string, Map<number, TermIncrement>>>): Iterable<TermIncrement> {
  for (const byTerm of terms.values()) for (const byTopic of byTerm.values()) yield* byTopic.values();
}

/** What clout and urgency need of a mention (a row about to be stored, or a stored mention). */
type ScoredFields = Pick<
  Mention,
  | 'platform'
  | 'authorHandle'
  | 'authorName'
  | 'authorFollowers'
  | 'authorVerified'
  | 'publishedAt'
  | 'likes'
  | 'reposts'
  | 'replies'
  | 'sentiment'
  | 'sentimentConfidence'
  | 'intents'
>;

/** A batch's mentions per author, with what they add to the author's profile, in first-seen order. */
function groupByAuthor<M extends ScoredFields>(mentions: readonly M[]): Array<{ inc: AuthorIncrement; mentions: M[] }> {
  const byAuthor = new Map<string, { inc: AuthorIncrement; mentions: M[] }>();
  for (const m of mentions) {
    const key = authorKeyOf(m.platform, m.authorHandle);
    let entry = byAuthor.get(key);
    if (!entry) {
      entry = {
        inc: {
          platform: m.platform,
          handle: m.authorHandle,
          name: null,
          followers: null,
          verified: false,
          firstSeen: m.publishedAt,
          lastSeen: m.publishedAt,
          mentions: 0,
          positive: 0,
          neutral: 0,
          negative: 0,
          likes: 0,
          reposts: 0,
          replies: 0,
          engagement: 0,
        },
        mentions: [],
      };
      byAuthor.set(key, entry);
    }
    const inc = entry.inc;
    entry.mentions.push(m);
    inc.mentions++;
    if (m.sentiment !== 'unknown') inc[m.sentiment]++;
    inc.likes += m.likes ?? 0;
    inc.reposts += m.reposts ?? 0;
    inc.replies += m.replies ?? 0;
    inc.engagement += engagementOf(m);
    inc.verified ||= m.authorVerified;
    if (m.publishedAt >= inc.lastSeen || inc.followers === null) {
      if (m.authorFollowers !== null) inc.followers = m.authorFollowers;
      if (m.authorName !== null) inc.name = m.authorName;
    }
    inc.firstSeen = Math.min(inc.firstSeen, m.publishedAt);
    inc.lastSeen = Math.max(inc.lastSeen, m.publishedAt);
  }
  return [...byAuthor.values()];
}

/** A mention's clout and urgency given its author's profile after the batch. */
function scoreMention(
  m: ScoredFields,
  author: Pick<Author, 'followers' | 'verified' | 'mentions' | 'engagement'>,
  weights: CloutWeights,
  now: number,
): { clout: number; urgency: number } {
  const engagement = engagementOf(m);
  const clout = computeClout(
    {
      followers: m.authorFollowers ?? author.followers,
      engagement,
      verified: m.authorVerified || author.verified,
      mentionCount: author.mentions,
      engagementTotal: author.engagement,
    },
    weights,
  );
  const urgency = computeUrgency({
    sentiment: m.sentiment,
    confidence: m.sentimentConfidence,
    crisis: m.intents.includes('crisis'),
    clout,
    engagement,
    ageMs: now - m.publishedAt,
  });
  return { clout, urgency };
}

/** Whether `stored` is `rows` with some left out (the duplicates), in the same order. */
function isSubsequence(stored: readonly Mention[], rows: readonly MentionRow[]): boolean {
  let r = 0;
  for (const m of stored) {
    while (r < rows.length && (rows[r]!.externalId !== m.externalId || rows[r]!.sourceId !== m.sourceId)) r++;
    if (r === rows.length) return false;
    r++;
  }
  return true;
}
