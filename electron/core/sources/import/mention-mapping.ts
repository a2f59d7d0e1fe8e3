/**
 * One record from outside (a CSV row, a JSON line, a webhook item) → a mention input, through a
 * mapping from Earshot's fields to the record's own names. Errors name the field, so callers can
 * report "row 12, column created_at: … is not a readable time".
 */
import { createHash } from 'node:crypto';
import type { MappableField } from '@shared/contract/source-config/import';
import { PLATFORMS, type MentionInput, type Platform } from '@shared/domain/mention';
import { checkMentionInput } from '../../pipeline/mention-input';
import { readCount, readText, readTime, ValueError } from './field-values';
import { decodeEntities } from '@shared/logic/text/entities';

/** The author of a row without one: not an account (spam detection does not count its posts as one person's). */
export const UNKNOWN_AUTHOR = 'unknown';

export interface FieldError {
  field: MappableField;
  reason: string;
}

export type Mapped = { ok: true; mention: MentionInput } | { ok: false; error: FieldError };

/** The pipeline's names → ours, to translate its final check's complaints. */
const PIPELINE_FIELDS: Record<string, MappableField> = {
  externalId: 'id',
  text: 'text',
  publishedAt: 'time',
  url: 'url',
  lang: 'lang',
  authorHandle: 'author',
  authorName: 'authorName',
  authorFollowers: 'followers',
  likes: 'likes',
  reposts: 'reposts',
  replies: 'replies',
  replyTo: 'replyTo',
  platform: 'platform',
};

export interface MapOptions {
  defaultPlatform: Platform;
  /** Used when the record has no time (a webhook item without one: the time it arrived). */
  defaultTime: number | null;
  now: number;
}

export function mapRecord(get: (field: MappableField) => unknown, options: MapOptions): Mapped {
  let field: MappableField = 'text';
  try {
    field = 'text';
    const text = readText(get('text'), 100_000);
    if (text === null) return fail('text', 'is empty');
    field = 'author';
    const author = readText(get('author'), 256) ?? UNKNOWN_AUTHOR;
    field = 'time';
    const time = readTime(get('time')) ?? options.defaultTime;
    if (time === null) return fail('time', 'is empty');
    field = 'id';
    // Without an id, the content is the identity: importing the same file twice stores nothing new.
    const id = readText(get('id'), 512) ?? `sha256:${createHash('sha256').update(`${author}\u0000${time}\u0000${text}`).digest('hex').slice(0, 32)}`;
    field = 'platform';
    const platformText = readText(get('platform'), 40)?.toLowerCase() ?? null;
    if (platformText !== null && !(PLATFORMS as readonly string[]).includes(platformText))
      return fail('platform', `"${platformText}" is not one of ${PLATFORMS.join(', ')}`);
    const mention: MentionInput = {
      externalId: id,
      platform: (platformText as Platform | null) ?? options.defaultPlatform,
      // Exports of tweets and Reddit posts keep the platforms' escapes ("&amp;").
      text: decodeEntities(text),
      publishedAt: time,
      authorHandle: author,
    };
    field = 'authorName';
    mention.authorName = readText(get('authorName'), 512);
    field = 'url';
    mention.url = readText(get('url'), 4096);
    field = 'lang';
    mention.lang = readText(get('lang'), 35);
    field = 'followers';
    mention.authorFollowers = readCount(get('followers'));
    field = 'likes';
    mention.likes = readCount(get('likes'));
    field = 'reposts';
    mention.reposts = readCount(get('reposts'));
    field = 'replies';
    mention.replies = readCount(get('replies'));
    field = 'replyTo';
    mention.replyTo = readText(get('replyTo'), 512);

    // The pipeline checks again at ingest; checking here lets the error name the column.
    const checked = checkMentionInput(mention, options.now);
    if (!checked.ok) {
      const [path, ...rest] = checked.reason.split(': ');
      return fail(PIPELINE_FIELDS[path ?? ''] ?? 'text', rest.join(': ') || checked.reason);
    }
    return { ok: true, mention };
  } catch (error) {
    if (error instanceof ValueError) return fail(field, error.message);
    throw error;
  }
}

function fail(field: MappableField, reason: string): Mapped {
  return { ok: false, error: { field, reason } };
}

/** Reads `a.b.c` from a parsed JSON object. */
export function readPath(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
