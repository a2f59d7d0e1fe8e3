/**
 * Understanding: sentiment explanations and corrections, authors, clout, intents, trends.
 * Calls: each entry pairs the zod schema of its parameters (checked by the core) with its result
 * type in `UnderstandingResults`. Pushes: payload types in `UnderstandingEvents`, topic names in `UNDERSTANDING_EVENT_TOPICS`.
 */
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import { AUTHOR_SEGMENTS, WATCHLIST_KINDS, type Author, type AuthorSentimentDay, type Watchlist } from '../../domain/author';
import type { MentionExplanation } from '../../domain/explanation';
import { intentRulesSchema, type IntentRule } from '../../domain/intents';
import type { Mention, SentimentLabel } from '../../domain/mention';
import type { TrendingTerm } from '../../domain/trends';
import type { EmotionMinute } from '../../domain/emotion';
import { cloutWeightsSchema, type CloutBreakdown, type CloutWeights } from '../../logic/clout';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const who = z.string().trim().min(1).max(80);

export const understandingParams = {
  /** Why a stored mention has its sentiment and intents. */
  'mentions.explain': z.object({ id }).strict(),
  /** Relabels a mention (stored with who and when), moves its rollup counts and adapts the model. */
  'mentions.correctSentiment': z.object({ id, label: z.enum(['negative', 'neutral', 'positive']), by: who }).strict(),
  /** The newest mentions, for picking one to explain (optionally only those with an intent). */
  'mentions.recentForReview': z.object({ limit: z.number().int().min(1).max(200), intent: z.string().max(40).nullable() }).strict(),
  /** The most recent corrections, newest first. */
  'mentions.corrections': z.object({ limit: z.number().int().min(1).max(500) }).strict(),
  /**
   * Adds labelled posts of this workspace's trade to a named set (created on first use) and
   * re-learns the sentiment adaptation from all sets, under the corrections. Send a large set in
   * several calls (each under the frame limit); mentions stored from then on use it.
   */
  'adaptation.labelled.add': z
    .object({
      set: z.string().trim().min(1).max(80),
      posts: z
        .array(z.object({ text: z.string().min(1).max(2_000), label: z.enum(['negative', 'neutral', 'positive']) }).strict())
        .min(1)
        .max(2_000),
      by: who,
    })
    .strict(),
  /** The labelled sets the adaptation learns from: posts per label, who added them and when. */
  'adaptation.labelled.sets': z.object({}).strict(),
  /** Removes a labelled set and re-learns the adaptation without it. */
  'adaptation.labelled.remove': z.object({ set: z.string().trim().min(1).max(80), by: who }).strict(),
  'understanding.cloutWeights.get': z.object({}).strict(),
  'understanding.cloutWeights.set': z.object({ weights: cloutWeightsSchema }).strict(),
  'intents.rules.get': z.object({}).strict(),
  /** Replaces the workspace's rules (validated: conditions, phrases, unique ids); null restores the defaults. */
  'intents.rules.set': z.object({ rules: intentRulesSchema.nullable() }).strict(),
  /** Terms rising against their own baseline (the 4 × window before it) in the last `windowMinutes`. */
  'trends.terms': z
    .object({
      topicId: id.nullable(),
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60),
      limit: z.number().int().min(1).max(200),
    })
    .strict(),
  /** Per-minute counts of each emotion over the last `minutes`, for one topic or all mentions (null). */
  'emotions.minutes': z
    .object({
      topicId: id.nullable(),
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    })
    .strict(),
  /** Authors by handle or name (substring), highest clout first; empty query lists the top. */
  'authors.search': z.object({ query: z.string().max(100), segment: z.enum(AUTHOR_SEGMENTS).nullable(), limit: z.number().int().min(1).max(200) }).strict(),
  /** An author's profile: counts, segment, clout explained, sentiment by day, mentions (newest first), watchlists. */
  'authors.profile': z.object({ id, mentionLimit: z.number().int().min(1).max(500) }).strict(),
  'authors.watchlists.list': z.object({}).strict(),
  'authors.watchlists.create': z.object({ name: z.string().trim().min(1).max(60), kind: z.enum(WATCHLIST_KINDS) }).strict(),
  'authors.watchlists.remove': z.object({ id }).strict(),
  'authors.watchlists.members': z.object({ id }).strict(),
  'authors.watchlists.add': z.object({ watchlistId: id, authorId: id, by: who }).strict(),
  'authors.watchlists.removeMember': z.object({ watchlistId: id, authorId: id }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const understandingAccess = {
  'mentions.explain': read('agent'),
  'mentions.correctSentiment': change('agent', 'by'),
  'mentions.recentForReview': read('agent'),
  'mentions.corrections': read('agent'),
  'adaptation.labelled.add': change('lead', 'by'),
  'adaptation.labelled.sets': read('agent'),
  'adaptation.labelled.remove': change('lead', 'by'),
  'understanding.cloutWeights.get': read('agent'),
  'understanding.cloutWeights.set': change('lead'),
  'intents.rules.get': read('agent'),
  'intents.rules.set': change('lead'),
  'trends.terms': read('wall'),
  // Per-minute emotion counts: aggregates, as on the emotion wall widget.
  'emotions.minutes': read('wall'),
  'authors.search': read('agent'),
  'authors.profile': read('agent'),
  'authors.watchlists.list': read('agent'),
  'authors.watchlists.create': change('lead'),
  'authors.watchlists.remove': change('lead'),
  'authors.watchlists.members': read('agent'),
  'authors.watchlists.add': change('agent', 'by'),
  'authors.watchlists.removeMember': change('agent'),
} as const satisfies Record<keyof typeof understandingParams, MethodAccess>;

export interface AuthorProfile {
  author: Author;
  cloutParts: CloutBreakdown;
  cloutWeights: CloutWeights;
  segmentRule: string;
  sentimentByDay: AuthorSentimentDay[];
  mentions: Mention[];
  watchlists: Watchlist[];
}

export interface CorrectionView {
  id: number;
  mentionId: number;
  previousLabel: string;
  label: SentimentLabel;
  correctedBy: string;
  correctedAt: number;
}

/** One labelled set of a workspace's sentiment adaptation. */
export interface LabelledSetView {
  name: string;
  posts: number;
  negative: number;
  neutral: number;
  positive: number;
  addedBy: string;
  /** When its newest post was added (epoch ms). */
  addedAt: number;
}

export interface UnderstandingResults {
  'mentions.explain': MentionExplanation;
  'adaptation.labelled.add': { added: number; sets: LabelledSetView[] };
  'adaptation.labelled.sets': { sets: LabelledSetView[] };
  'adaptation.labelled.remove': { removed: number; sets: LabelledSetView[] };
  'mentions.correctSentiment': { mention: Mention; correction: CorrectionView; explanation: MentionExplanation };
  'mentions.recentForReview': { mentions: Mention[] };
  'mentions.corrections': { corrections: CorrectionView[] };
  'understanding.cloutWeights.get': { weights: CloutWeights; defaults: CloutWeights; explanations: Record<string, string> };
  'understanding.cloutWeights.set': { weights: CloutWeights };
  'intents.rules.get': { rules: IntentRule[]; defaults: IntentRule[]; isDefault: boolean };
  'intents.rules.set': { rules: IntentRule[]; isDefault: boolean };
  'trends.terms': { terms: TrendingTerm[]; windowMinutes: number; serverTime: number };
  'emotions.minutes': { minutes: EmotionMinute[]; serverTime: number };
  'authors.search': { authors: Author[] };
  'authors.profile': AuthorProfile;
  'authors.watchlists.list': { watchlists: Watchlist[] };
  'authors.watchlists.create': { watchlist: Watchlist };
  'authors.watchlists.remove': { removed: boolean };
  'authors.watchlists.members': { watchlist: Watchlist; authors: Author[] };
  'authors.watchlists.add': { added: boolean; watchlists: Watchlist[] };
  'authors.watchlists.removeMember': { removed: boolean; watchlists: Watchlist[] };
}

export interface UnderstandingEvents {
  /** A mention whose sentiment a person corrected; replace it by id wherever it is shown. */
  'mentions.corrected': { mention: Mention; correction: CorrectionView };
}

export const UNDERSTANDING_EVENT_TOPICS = ['mentions.corrected'] as const satisfies readonly (keyof UnderstandingEvents)[];
