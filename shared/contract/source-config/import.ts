/**
 * File import: a CSV or JSON Lines file read row by row through a column mapping, for past data
 * and offline review. Also what `npm run import` writes for the files it imports.
 */
import { z } from 'zod';
import { PLATFORMS } from '../../domain/mention';
import type { SourceKindSpec } from './spec';

/** Earshot's fields a file's columns (or JSON keys) can be mapped to. Only `text` is required. */
export const MAPPABLE_FIELDS = [
  'text',
  'id',
  'author',
  'authorName',
  'time',
  'url',
  'lang',
  'followers',
  'likes',
  'reposts',
  'replies',
  'replyTo',
  'platform',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** Earshot field → the file's column name (JSON Lines: a key, or a dotted path such as `user.screen_name`). */
export type FieldMapping = Partial<Record<MappableField, string>>;

const column = z.string().trim().min(1, 'name a column').max(200);

export const fieldMappingSchema = z
  .object({
    text: column,
    id: column.optional(),
    author: column.optional(),
    authorName: column.optional(),
    time: column.optional(),
    url: column.optional(),
    lang: column.optional(),
    followers: column.optional(),
    likes: column.optional(),
    reposts: column.optional(),
    replies: column.optional(),
    replyTo: column.optional(),
    platform: column.optional(),
  })
  .strict();

export const IMPORT_FORMATS = ['csv', 'jsonl'] as const;

export const importConfigSchema = z
  .object({
    file: z.string().trim().min(1, 'name the file to import').max(4096),
    format: z.enum(IMPORT_FORMATS),
    // The settings form sends the mapping as text ("text=body,id=post_id"); stored settings hold the object.
    mapping: z.preprocess((value, ctx) => {
      if (typeof value !== 'string') return value;
      const parsed = parseMappingText(value);
      if (parsed.ok) return parsed.mapping;
      ctx.addIssue({ code: 'custom', message: parsed.error, input: value });
      return z.NEVER;
    }, fieldMappingSchema),
    platform: z.enum(PLATFORMS).default('other'),
    delimiter: z.string().length(1, 'the delimiter is one character').default(','),
  })
  .strict();

export type ImportConfig = z.output<typeof importConfigSchema>;

/**
 * Reads `text=tweet,id=tweet_id,author=name` (the command line's and the form's way of writing a
 * mapping). Returns the mapping or the first problem, naming the pair.
 */
export function parseMappingText(text: string): { ok: true; mapping: Record<string, string> } | { ok: false; error: string } {
  const mapping: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || eq === pair.length - 1) return { ok: false, error: `"${pair}" is not field=column` };
    const field = pair.slice(0, eq).trim();
    if (!(MAPPABLE_FIELDS as readonly string[]).includes(field)) return { ok: false, error: `"${field}" is not a field; use ${MAPPABLE_FIELDS.join(', ')}` };
    if (field in mapping) return { ok: false, error: `"${field}" is mapped twice` };
    mapping[field] = pair.slice(eq + 1).trim();
  }
  if (!('text' in mapping)) return { ok: false, error: 'map the text column (text=<column>)' };
  return { ok: true, mapping };
}

export const importSpec: SourceKindSpec<typeof importConfigSchema> = {
  kind: 'import',
  title: 'File import (CSV or JSON Lines)',
  description:
    'Reads a CSV or JSON Lines file on this computer, row by row, through your column mapping: past data for trends and offline review. Rows with the same id are stored once; unreadable rows are reported with their number, column and reason.',
  schema: importConfigSchema,
  fields: [
    { key: 'file', label: 'File', type: 'text', required: true, placeholder: '/home/me/exports/mentions.csv' },
    { key: 'format', label: 'Format', type: 'select', options: IMPORT_FORMATS, required: true },
    {
      key: 'mapping',
      label: 'Column mapping',
      type: 'text',
      required: true,
      placeholder: 'text=tweet,id=tweet_id,author=name,time=created_at',
      help: `Earshot field=column pairs; fields: ${MAPPABLE_FIELDS.join(', ')}. Only text is required.`,
    },
    { key: 'platform', label: 'Platform', type: 'select', options: PLATFORMS, help: 'Used when no platform column is mapped.' },
    { key: 'delimiter', label: 'CSV delimiter', type: 'text', placeholder: ',' },
  ],
  defaultIntervalMs: 1_000,
  secretFields: [],
};
