/** Mastodon's streaming API (server-sent events): new posts the moment the instance sees them. */
import { z } from 'zod';
import { httpUrl, optionalSecret, optionalText } from './common';
import type { SourceKindSpec } from './spec';

export const MASTODON_STREAMS = ['hashtag', 'hashtag:local', 'public', 'public:local'] as const;
export type MastodonStream = (typeof MASTODON_STREAMS)[number];

export const mastodonStreamConfigSchema = z
  .object({
    instanceUrl: httpUrl('The instance address').default('https://mastodon.social'),
    stream: z.enum(MASTODON_STREAMS).default('hashtag'),
    hashtag: optionalText(
      z.preprocess(
        (v) => (typeof v === 'string' ? v.trim().replace(/^#/, '') : v),
        z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u, 'a hashtag is letters, digits and _ only'),
      ),
    ),
    /** Public streams carry everything: keep only posts with one of these words (empty keeps all). */
    keywords: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
    /** Where the instance runs its streaming server, when not on the instance address itself. */
    streamingUrl: optionalText(httpUrl('The streaming address')),
    accessToken: optionalSecret('The access token'),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.stream.startsWith('hashtag') && !config.hashtag) ctx.addIssue({ code: 'custom', path: ['hashtag'], message: 'enter the hashtag to follow' });
    if (config.stream.startsWith('public') && config.keywords.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['keywords'], message: 'a public stream carries every post: add at least one keyword' });
    }
  });

export type MastodonStreamConfig = z.output<typeof mastodonStreamConfigSchema>;

export const mastodonStreamSpec: SourceKindSpec<typeof mastodonStreamConfigSchema> = {
  kind: 'mastodon-stream',
  title: 'Mastodon live stream',
  description:
    "New posts for a hashtag (or an instance's public timeline, filtered by keywords) the moment the instance sees them, over Mastodon's streaming API. Many instances require an access token for streaming; where streaming is not allowed, use the Mastodon hashtag source (polling) instead. Posts made while Earshot was not connected are not replayed.",
  schema: mastodonStreamConfigSchema,
  fields: [
    { key: 'instanceUrl', label: 'Instance', type: 'url', placeholder: 'https://mastodon.social' },
    {
      key: 'stream',
      label: 'Stream',
      type: 'select',
      options: MASTODON_STREAMS,
      help: 'hashtag: everywhere the instance knows of; :local: only its own users; public: every post (needs keywords).',
    },
    { key: 'hashtag', label: 'Hashtag', type: 'text', placeholder: 'KestrelMobile', help: 'Without the #.' },
    { key: 'keywords', label: 'Keywords', type: 'list', help: 'Keep only posts containing one of these (required for public streams).' },
    {
      key: 'streamingUrl',
      label: 'Streaming server',
      type: 'url',
      placeholder: 'https://streaming.mastodon.social',
      help: 'Only if the instance streams from another address (its /api/v2/instance lists it under configuration.urls.streaming).',
    },
    {
      key: 'accessToken',
      label: 'Access token',
      type: 'secret',
      help: 'Preferences → Development → New application, scope "read". Most instances require one for streaming.',
    },
  ],
  defaultIntervalMs: 1_000,
  secretFields: ['accessToken'],
};
