/** RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed: news, blogs, review sites, forum feeds. */
import { z } from 'zod';
import { httpUrl } from './common';
import type { SourceKindSpec } from './spec';

export const FEED_PLATFORMS = ['news', 'blog', 'reviews', 'forum', 'other'] as const;

export const feedConfigSchema = z
  .object({
    url: httpUrl('The feed address'),
    /** How the feed's entries are labelled on the walls. */
    platform: z.enum(FEED_PLATFORMS).default('news'),
  })
  .strict();
export type FeedConfig = z.output<typeof feedConfigSchema>;

export const feedSpec: SourceKindSpec<typeof feedConfigSchema> = {
  kind: 'feed',
  title: 'RSS, Atom or JSON Feed',
  description: 'Reads a news site, blog, review site or forum feed. No account needed; the feed is fetched only when it changed (ETag / Last-Modified).',
  schema: feedConfigSchema,
  fields: [
    {
      key: 'url',
      label: 'Feed address',
      type: 'url',
      required: true,
      placeholder: 'https://example.com/feed.xml',
      help: 'The RSS, Atom or JSON Feed address (often linked as "RSS" on the site).',
    },
    { key: 'platform', label: 'Shown as', type: 'select', options: FEED_PLATFORMS, help: 'How its entries are labelled on the walls.' },
  ],
  defaultIntervalMs: 5 * 60_000,
  secretFields: [],
};
