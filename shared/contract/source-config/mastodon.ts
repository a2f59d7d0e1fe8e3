/** Mastodon on any instance: a hashtag timeline, or full-text search (REST, polled). */
import { z } from 'zod';
import { httpUrl, optionalSecret, optionalText, searchQuery } from './common';
import type { SourceKindSpec } from './spec';

export const MASTODON_MODES = ['hashtag', 'search'] as const;

export const mastodonConfigSchema = z
  .object({
    instanceUrl: httpUrl('The instance address').default('https://mastodon.social'),
    mode: z.enum(MASTODON_MODES).default('hashtag'),
    /** Without the '#'. */
    hashtag: optionalText(
      z.preprocess(
        (v) => (typeof v === 'string' ? v.trim().replace(/^#/, '') : v),
        z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u, 'a hashtag is letters, digits and _ only'),
      ),
    ),
    query: optionalText(searchQuery(500)),
    /** Needed by most instances for full-text search; read access only. */
    accessToken: optionalSecret('The access token'),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.mode === 'hashtag' && !config.hashtag) ctx.addIssue({ code: 'custom', path: ['hashtag'], message: 'enter the hashtag to follow' });
    if (config.mode === 'search' && !config.query) ctx.addIssue({ code: 'custom', path: ['query'], message: 'enter what to search for' });
  });
export type MastodonConfig = z.output<typeof mastodonConfigSchema>;

export const mastodonSpec: SourceKindSpec<typeof mastodonConfigSchema> = {
  kind: 'mastodon',
  title: 'Mastodon hashtag or search',
  description:
    'Follows a hashtag timeline or a search on any Mastodon instance. Hashtags need no account; most instances only allow full-text search with an access token.',
  schema: mastodonConfigSchema,
  fields: [
    {
      key: 'instanceUrl',
      label: 'Instance',
      type: 'url',
      placeholder: 'https://mastodon.social',
      help: 'The server to ask; it sees the posts its users know of.',
    },
    { key: 'mode', label: 'Listen to', type: 'select', options: MASTODON_MODES },
    { key: 'hashtag', label: 'Hashtag', type: 'text', placeholder: 'KestrelMobile', help: 'Without the #.' },
    { key: 'query', label: 'Search', type: 'text', placeholder: 'kestrel mobile', help: 'For "search": the words to look for.' },
    {
      key: 'accessToken',
      label: 'Access token',
      type: 'secret',
      help: 'Optional: Preferences → Development → New application on your instance, scope "read:search" or "read".',
    },
  ],
  defaultIntervalMs: 60_000,
  secretFields: ['accessToken'],
};
