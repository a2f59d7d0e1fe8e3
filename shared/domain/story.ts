/**
 * Stories: a post with its reposts, quotes and near-copies, grouped at ingest. Walls show the top
 * stories of a spike instead of the same repost ten times; alert explanations name them.
 */
import type { Platform } from './mention';

export interface StoryView {
  id: number;
  firstMentionId: number;
  firstAt: number;
  /** The first post's words and author, as heard (stranger's text: render as text only). */
  firstText: string;
  firstAuthor: string;
  firstPlatform: Platform;
  lastAt: number;
  /** Posts in the story since it began, of which reposts and quotes. */
  size: number;
  reposts: number;
  /** Sum of the followers of its posts' authors. */
  reach: number;
  sentiment: { positive: number; neutral: number; negative: number };
  /** Posts in the window asked about, in its later and earlier half (growth), and their reach. */
  inWindow: number;
  recentHalf: number;
  earlierHalf: number;
  windowReach: number;
}

export interface ReachAuthor {
  handle: string;
  platform: Platform;
  followers: number;
  posts: number;
}

/** What drives a spike, in numbers and one plain-language paragraph (no language model). */
export interface SpikeSummary {
  topicId: number | null;
  from: number;
  to: number;
  posts: number;
  stories: StoryView[];
  risingTerms: string[];
  authors: ReachAuthor[];
  /** Share of the window's posts that are reposts or quotes (0 … 1). */
  repostShare: number;
  text: string;
}
