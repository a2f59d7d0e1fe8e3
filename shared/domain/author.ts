/** Authors as Earshot has seen them: a profile per (platform, handle), kept up to date at ingest. */
import type { Platform } from './mention';

export const AUTHOR_SEGMENTS = ['advocate', 'influencer', 'passive', 'dissatisfied', 'detractor'] as const;
export type AuthorSegment = (typeof AUTHOR_SEGMENTS)[number];

export const SEGMENT_RULES: Record<AuthorSegment, string> = {
  detractor: 'at least 2 rated mentions and 60% or more of them negative (checked first: risk outranks reach)',
  influencer: 'clout 60 or more',
  advocate: 'at least 2 positive mentions, 60% or more positive and at most 10% negative',
  dissatisfied: 'at least one negative mention and 30% or more negative',
  passive: 'everyone else',
};

export interface Author {
  id: number;
  platform: Platform;
  handle: string;
  name: string | null;
  followers: number;
  verified: boolean;
  firstSeen: number;
  lastSeen: number;
  mentions: number;
  positive: number;
  neutral: number;
  negative: number;
  likes: number;
  reposts: number;
  replies: number;
  /** likes + 2·reposts + replies over all their mentions. */
  engagement: number;
  clout: number;
  segment: AuthorSegment;
}

export const WATCHLIST_KINDS = ['vip', 'journalist', 'competitor-staff', 'partner', 'other'] as const;
export type WatchlistKind = (typeof WATCHLIST_KINDS)[number];

export interface Watchlist {
  id: number;
  name: string;
  kind: WatchlistKind;
  createdAt: number;
  members: number;
}

/** One day of an author's sentiment, for the profile's "over time" chart. */
export interface AuthorSentimentDay {
  day: number;
  positive: number;
  neutral: number;
  negative: number;
  unknown: number;
}
