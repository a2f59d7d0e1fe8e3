/** A YouTube commentThread (its top-level comment) → a mention input. */
import type { MentionInput } from '@shared/domain/mention';

export interface YouTubeCommentSnippet {
  authorDisplayName?: string;
  authorChannelUrl?: string;
  authorChannelId?: { value?: string };
  videoId?: string;
  textDisplay?: string;
  textOriginal?: string;
  likeCount?: number;
  publishedAt?: string;
  updatedAt?: string;
  moderationStatus?: string;
}

export interface YouTubeCommentThread {
  kind?: string;
  id?: string;
  snippet?: {
    channelId?: string;
    videoId?: string;
    topLevelComment?: { kind?: string; id?: string; snippet?: YouTubeCommentSnippet };
    totalReplyCount?: number;
    isPublic?: boolean;
  };
}

const count = (n: unknown): number | null => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null);

export function youtubeSortKey(thread: YouTubeCommentThread): string | null {
  const at = Date.parse(thread?.snippet?.topLevelComment?.snippet?.publishedAt ?? '');
  return Number.isFinite(at) ? String(at) : null;
}

export function youtubeId(thread: YouTubeCommentThread): string | null {
  return typeof thread?.id === 'string' && thread.id !== '' ? thread.id : null;
}

/** Null for comments that are not public (held for review, rejected) or have lost their text or author. */
export function mapYouTubeThread(thread: YouTubeCommentThread): MentionInput | null {
  const id = youtubeId(thread);
  const key = youtubeSortKey(thread);
  const comment = thread?.snippet?.topLevelComment?.snippet;
  if (id === null || key === null || !comment) return null;
  if (thread.snippet?.isPublic === false) return null;
  if (comment.moderationStatus && comment.moderationStatus !== 'published') return null;
  const text = comment.textOriginal ?? comment.textDisplay;
  const author = comment.authorDisplayName?.trim();
  if (typeof text !== 'string' || text.trim() === '' || !author) return null;
  const videoId = comment.videoId ?? thread.snippet?.videoId;
  return {
    externalId: id,
    platform: 'youtube',
    text,
    publishedAt: Number(key),
    url: videoId ? `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}&lc=${encodeURIComponent(id)}` : null,
    lang: null,
    authorHandle: author,
    authorName: author.startsWith('@') ? null : author,
    // A comment carries no subscriber count; it would cost a channels.list call per author.
    authorFollowers: null,
    authorVerified: false,
    likes: count(comment.likeCount),
    reposts: null,
    replies: count(thread.snippet?.totalReplyCount),
    replyTo: null,
  };
}
