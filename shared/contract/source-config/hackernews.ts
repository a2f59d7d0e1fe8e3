/** Hacker News search through the Algolia HN Search API. */
import { z } from 'zod';
import { httpUrl, searchQuery } from './common';
import type { SourceKindSpec } from './spec';

export const HN_ITEM_TYPES = ['all', 'story', 'comment'] as const;

export const hackerNewsConfigSchema = z
  .object({
    baseUrl: httpUrl('The search API address').default('https://hn.algolia.com/api/v1'),
    query: searchQuery(512),
    items: z.enum(HN_ITEM_TYPES).default('all'),
  })
  .strict();
export type HackerNewsConfig = z.output<typeof hackerNewsConfigSchema>;

export const hackerNewsSpec: SourceKindSpec<typeof hackerNewsConfigSchema> = {
  kind: 'hackernews',
  title: 'Hacker News search',
  description: 'Searches Hacker News stories and comments, newest first, through the public Algolia HN Search API. No account needed.',
  schema: hackerNewsConfigSchema,
  fields: [
    { key: 'baseUrl', label: 'Search API', type: 'url', placeholder: 'https://hn.algolia.com/api/v1' },
    { key: 'query', label: 'Search', type: 'text', required: true, placeholder: 'kestrel mobile' },
    { key: 'items', label: 'Items', type: 'select', options: HN_ITEM_TYPES, help: 'Stories, comments, or both.' },
  ],
  defaultIntervalMs: 2 * 60_000,
  secretFields: [],
};
