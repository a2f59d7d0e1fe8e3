/** A Reddit link ("t3") from a search Listing → a mention input. */
import type { MentionInput } from '@shared/domain/mention';
import { decodeEntities } from '@shared/logic/text/entities';

export interface RedditThing {
  kind?: string;
  data?: RedditPost;
}

export interface RedditPost {
  id?: string;
  /** The fullname, "t3_" + id. */
  name?: string;
  title?: string;
  selftext?: string;
  author?: string;
  created_utc?: number;
  permalink?: string;
  url?: string;
  subreddit?: string;
  score?: number;
  ups?: number;
  num_comments?: number;
  num_crossposts?: number;
  removed_by_category?: string | null;
  over_18?: boolean;
}

const count = (n: unknown): number | null => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : null);
const REMOVED_TEXT = new Set(['[removed]', '[deleted]']);

export function redditSortKey(thing: RedditThing): string | null {
  const created = thing?.data?.created_utc;
  return typeof created === 'number' && Number.isFinite(created) && created > 0 ? String(Math.round(created * 1000)) : null;
}

export function redditId(thing: RedditThing): string | null {
  const name = thing?.data?.name;
  return typeof name === 'string' && name !== '' ? name : null;
}

/** Null for anything but a post, and for deleted or removed posts. */
export function mapRedditPost(thing: RedditThing): MentionInput | null {
  if (thing?.kind !== 't3' || !thing.data) return null;
  const post = thing.data;
  const key = redditSortKey(thing);
  const name = redditId(thing);
  if (key === null || name === null) return null;
  if (post.removed_by_category) return null;
  const author = post.author;
  if (typeof author !== 'string' || author === '' || author === '[deleted]') return null;
  // Reddit's JSON escapes &, < and > in titles and self text.
  const selftext = typeof post.selftext === 'string' && !REMOVED_TEXT.has(post.selftext.trim()) ? decodeEntities(post.selftext.trim()) : '';
  const title = typeof post.title === 'string' ? decodeEntities(post.title.trim()) : '';
  if (!title && !selftext) return null;
  return {
    externalId: name,
    platform: 'reddit',
    text: selftext ? `${title}\n${selftext}` : title,
    publishedAt: Number(key),
    url: typeof post.permalink === 'string' && post.permalink.startsWith('/') ? `https://www.reddit.com${post.permalink}` : null,
    lang: null,
    authorHandle: `u/${author}`,
    authorName: null,
    // Reddit search does not give an author's follower count.
    authorFollowers: null,
    authorVerified: false,
    likes: count(post.score ?? post.ups),
    reposts: count(post.num_crossposts),
    replies: count(post.num_comments),
    replyTo: null,
  };
}
