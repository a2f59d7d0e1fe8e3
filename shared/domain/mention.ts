import type { EmotionScores, MentionEmotion } from './emotion';

/** Platforms Earshot knows how to label. Adapters map their own names onto these. */
export const PLATFORMS = [
  'x',
  'mastodon',
  'bluesky',
  'reddit',
  'hackernews',
  'youtube',
  'instagram',
  'facebook',
  'news',
  'blog',
  'reviews',
  'forum',
  'other',
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The three classes sentiment analysis decides between; rollups count each. */
export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
/**
 * A stored mention's sentiment: one of the three, or 'unknown' where its language is not one the
 * analysis supports (saying so beats guessing). Unknown mentions count in totals only.
 */
export type MentionSentiment = SentimentLabel | 'unknown';

/**
 * A mention as a source adapter hands it to the pipeline, before scoring and storage.
 * Times are epoch milliseconds so the same value crosses IPC and WebSocket unchanged.
 */
export interface MentionInput {
  externalId: string;
  platform: Platform;
  text: string;
  publishedAt: number;
  url?: string | null;
  lang?: string | null;
  authorHandle: string;
  authorName?: string | null;
  authorFollowers?: number | null;
  authorVerified?: boolean;
  likes?: number | null;
  reposts?: number | null;
  replies?: number | null;
  replyTo?: string | null;
  /** Free-form tag a source may set, e.g. the demo source's crisis episode id. */
  episode?: string | null;
}

/** A stored, scored mention as the renderer sees it. */
export interface Mention {
  id: number;
  sourceId: string;
  externalId: string;
  platform: Platform;
  text: string;
  url: string | null;
  lang: string | null;
  publishedAt: number;
  ingestedAt: number;
  authorHandle: string;
  authorName: string | null;
  authorFollowers: number | null;
  authorVerified: boolean;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  replyTo: string | null;
  sentiment: MentionSentiment;
  /** -1 (most negative) … 1 (most positive). */
  sentimentScore: number;
  /** 0 … 1: how sure the analysis is of `sentiment`. */
  sentimentConfidence: number;
  /**
   * anger, joy, optimism or sadness; 'unknown' where the language is not one the model reads.
   * Optional so that mentions built before emotion existed (old bundles) still type-check.
   */
  emotion?: MentionEmotion;
  /** The emotion model's probability per class; null where emotion is unknown. */
  emotionScores?: EmotionScores | null;
  /** Intent tags such as "complaint" or "question" (see the understanding area). */
  intents: string[];
  /** The author's clout (0 … 100) when the mention arrived. */
  clout: number;
  /** How urgent the mention is (0 … 100): negative × influential × spreading. */
  urgency: number;
  /** Ids of the topics whose queries match the mention; filled by topic matching at ingest. */
  topicIds: number[];
  episode: string | null;
  /**
   * When the war room could first have seen the mention: the ingest time for live sources, the
   * publication time for history brought in by an import or a replay. Timeline replay shows at T
   * exactly the mentions heard by T.
   */
  heardAt: number;
  /** The crisis drill run that injected it; null for real mentions (drills never mix into KPIs). */
  drillRunId: number | null;
  /** The story it was grouped into at ingest (set on freshly stored mentions and their pushes). */
  storyId?: number | null;
}
