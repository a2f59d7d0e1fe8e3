/** A post from X API v2 recent search, with its author from `includes.users`, → a mention input. */
import type { MentionInput } from '@shared/domain/mention';
import { decodeEntities } from '@shared/logic/text/entities';

export interface XTweet {
  id?: string;
  text?: string;
  author_id?: string;
  created_at?: string;
  lang?: string;
  public_metrics?: { retweet_count?: number; reply_count?: number; like_count?: number; quote_count?: number };
  referenced_tweets?: Array<{ type?: string; id?: string }>;
  withheld?: unknown;
}

export interface XUser {
  id?: string;
  username?: string;
  name?: string;
  verified?: boolean;
  public_metrics?: { followers_count?: number };
}

/** A post as paged: the post and its author (null when X could not return the author). */
export interface XPost {
  tweet: XTweet;
  author: XUser | null;
}

const count = (n: unknown): number | null => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null);

export function xId(post: XPost): string | null {
  const id = post?.tweet?.id;
  return typeof id === 'string' && /^\d{1,30}$/.test(id) ? id : null;
}

/** Null for withheld posts and posts whose author X did not return (suspended or deleted). */
export function mapXPost(post: XPost): MentionInput | null {
  const id = xId(post);
  const { tweet, author } = post;
  if (id === null || typeof tweet.text !== 'string' || tweet.withheld) return null;
  if (!author || typeof author.username !== 'string' || author.username === '') return null;
  const publishedAt = Date.parse(tweet.created_at ?? '');
  if (!Number.isFinite(publishedAt)) return null;
  const metrics = tweet.public_metrics ?? {};
  const repliedTo = tweet.referenced_tweets?.find((r) => r?.type === 'replied_to')?.id ?? null;
  return {
    externalId: id,
    platform: 'x',
    // X escapes &, < and > in post text.
    text: decodeEntities(tweet.text),
    publishedAt,
    url: `https://x.com/${encodeURIComponent(author.username)}/status/${id}`,
    // X marks undetectable language as "und".
    lang: tweet.lang && tweet.lang !== 'und' ? tweet.lang : null,
    authorHandle: `@${author.username}`,
    authorName: author.name?.trim() || null,
    authorFollowers: count(author.public_metrics?.followers_count),
    authorVerified: author.verified === true,
    likes: count(metrics.like_count),
    reposts: count(metrics.retweet_count),
    replies: count(metrics.reply_count),
    replyTo: repliedTo,
  };
}
