/** A hit from the Algolia HN Search API (a story or a comment) → a mention input. */
import type { MentionInput } from '@shared/domain/mention';
import { textOrHtmlToText } from '../text/html-to-text';

export interface HnHit {
  objectID?: string;
  created_at?: string;
  created_at_i?: number;
  author?: string | null;
  title?: string | null;
  url?: string | null;
  story_text?: string | null;
  comment_text?: string | null;
  story_id?: number | null;
  story_title?: string | null;
  parent_id?: number | null;
  points?: number | null;
  num_comments?: number | null;
  _tags?: string[];
}

const count = (n: unknown): number | null => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null);

export function hnSortKey(hit: HnHit): string | null {
  if (typeof hit?.created_at_i === 'number' && hit.created_at_i > 0) return String(hit.created_at_i * 1000);
  const at = Date.parse(hit?.created_at ?? '');
  return Number.isFinite(at) ? String(at) : null;
}

export function hnId(hit: HnHit): string | null {
  return typeof hit?.objectID === 'string' && /^\d+$/.test(hit.objectID) ? hit.objectID : null;
}

/** Null for deleted or dead items (no author, no text) and for anything but stories and comments. */
export function mapHnHit(hit: HnHit): MentionInput | null {
  const id = hnId(hit);
  const key = hnSortKey(hit);
  if (id === null || key === null) return null;
  if (typeof hit.author !== 'string' || hit.author === '') return null;
  const tags = hit._tags ?? [];
  const isComment = tags.includes('comment') || typeof hit.comment_text === 'string';
  let text: string;
  if (isComment) {
    text = textOrHtmlToText(hit.comment_text ?? '');
  } else {
    const title = hit.title?.trim() ?? '';
    const body = hit.story_text ? textOrHtmlToText(hit.story_text) : '';
    text = body ? `${title}\n${body}` : title;
  }
  if (text === '') return null;
  return {
    externalId: id,
    platform: 'hackernews',
    text,
    publishedAt: Number(key),
    url: `https://news.ycombinator.com/item?id=${id}`,
    lang: null,
    authorHandle: hit.author,
    authorName: null,
    authorFollowers: null,
    authorVerified: false,
    likes: count(hit.points),
    reposts: null,
    replies: count(hit.num_comments),
    replyTo: isComment && typeof hit.parent_id === 'number' ? String(hit.parent_id) : null,
  };
}
