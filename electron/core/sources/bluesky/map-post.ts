/** Bluesky's app.bsky.feed.defs#postView → a mention input. */
import type { MentionInput } from '@shared/domain/mention';

export interface BlueskyPostView {
  uri?: string;
  cid?: string;
  /** `followersCount` is not in search results; the adapter adds it from app.bsky.actor.getProfiles. */
  author?: { did?: string; handle?: string; displayName?: string; followersCount?: number };
  record?: {
    $type?: string;
    text?: string;
    createdAt?: string;
    langs?: string[];
    reply?: { parent?: { uri?: string }; root?: { uri?: string } };
  };
  replyCount?: number;
  repostCount?: number;
  likeCount?: number;
  quoteCount?: number;
  indexedAt?: string;
  labels?: Array<{ val?: string }>;
}

const count = (n: unknown): number | null => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null);
/** Moderation labels that mean the post was taken down or hidden for everyone. */
const REMOVED_LABELS = new Set(['!takedown', '!hide']);

/**
 * The position Bluesky search sorts "latest" by: its `sortAt`, the earlier of when the post says
 * it was written and when the network indexed it (a wrong client clock cannot jump the queue).
 */
export function blueskySortKey(post: BlueskyPostView): string | null {
  const created = Date.parse(post.record?.createdAt ?? '');
  const indexed = Date.parse(post.indexedAt ?? '');
  const candidates = [created, indexed].filter(Number.isFinite);
  if (candidates.length === 0) return null;
  return String(Math.max(0, Math.min(...candidates)));
}

/** "at://did:plc:x/app.bsky.feed.post/3k…" → "3k…". */
function recordKey(uri: string): string | null {
  const match = /^at:\/\/[^/]+\/app\.bsky\.feed\.post\/([^/?#]+)$/.exec(uri);
  return match?.[1] ?? null;
}

/** Null for posts taken down, without text record, or by an account with no valid handle. */
export function mapBlueskyPost(post: BlueskyPostView): MentionInput | null {
  if (!post || typeof post.uri !== 'string' || !post.record || typeof post.record.text !== 'string') return null;
  if (post.labels?.some((l) => typeof l?.val === 'string' && REMOVED_LABELS.has(l.val))) return null;
  const handle = post.author?.handle;
  if (typeof handle !== 'string' || handle === '' || handle === 'handle.invalid') return null;
  // The sort time, not the claimed createdAt: a client whose clock runs ahead must not post "from the future".
  const key = blueskySortKey(post);
  if (key === null) return null;
  const publishedAt = Number(key);
  const rkey = recordKey(post.uri);
  return {
    externalId: post.uri,
    platform: 'bluesky',
    text: post.record.text,
    publishedAt,
    url: rkey ? `https://bsky.app/profile/${encodeURIComponent(handle)}/post/${encodeURIComponent(rkey)}` : null,
    lang: post.record.langs?.[0] ?? null,
    authorHandle: handle,
    authorName: post.author?.displayName?.trim() || null,
    authorFollowers: count(post.author?.followersCount),
    authorVerified: false,
    likes: count(post.likeCount),
    reposts: count(post.repostCount),
    replies: count(post.replyCount),
    replyTo: post.record.reply?.parent?.uri ?? null,
  };
}
