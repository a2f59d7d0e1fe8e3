/** One minute of mention volume, summed over all sources. `minute` is the bucket start in epoch ms. */
export interface MinuteBucket {
  minute: number;
  total: number;
  positive: number;
  neutral: number;
  negative: number;
  /** Sum of author followers over the minute's mentions: potential impressions. */
  reach: number;
}

import type { Platform } from './mention';

/** An author with the most reach among those posting in the recent window. */
export interface TopAuthor {
  platform: Platform;
  handle: string;
  name: string | null;
  followers: number;
  verified: boolean;
  mentions: number;
  negative: number;
  lastAt: number;
}
