/**
 * How long a reply may be on each network, and how each counts:
 * - X: 280, weighted: a link counts 23 whatever its length; CJK characters count 2 (X's
 *   twitter-text rules, simplified to the ranges customers use).
 * - Bluesky: 300 graphemes (an emoji with modifiers is one).
 * - Mastodon: the instance's own limit (GET /api/v2/instance → configuration.statuses
 *   .max_characters; 500 where it cannot be read); a link counts 23.
 * - Others we reply on by hand: the platform's documented limit (Facebook comments 8,000,
 *   Instagram comments 2,200, Reddit comments 10,000, YouTube comments 10,000), else 2,000.
 */
import type { Platform } from '../../domain/mention';

export const MASTODON_DEFAULT_LIMIT = 500;
const FIXED: Partial<Record<Platform, number>> = { x: 280, bluesky: 300, facebook: 8_000, instagram: 2_200, reddit: 10_000, youtube: 10_000 };
const OTHER_LIMIT = 2_000;
const URL = /https?:\/\/\S+/g;
const LINK_WEIGHT = 23;
const CJK = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

export function replyLimit(platform: Platform, mastodonInstanceLimit: number | null = null): number {
  if (platform === 'mastodon') return mastodonInstanceLimit ?? MASTODON_DEFAULT_LIMIT;
  return FIXED[platform] ?? OTHER_LIMIT;
}

export function replyLength(platform: Platform, text: string): number {
  if (platform === 'bluesky') return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
  const links = text.match(URL) ?? [];
  const rest = text.replace(URL, '');
  if (platform === 'x') return links.length * LINK_WEIGHT + [...rest].reduce((n, ch) => n + (CJK.test(ch) ? 2 : 1), 0);
  if (platform === 'mastodon') return links.length * LINK_WEIGHT + [...rest].length;
  return [...text].length;
}
