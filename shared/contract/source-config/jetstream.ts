/** Bluesky's Jetstream firehose over WebSocket, filtered by keywords on our side. */
import { z } from 'zod';
import type { SourceKindSpec } from './spec';

export const DEFAULT_JETSTREAM_ENDPOINT = 'wss://jetstream2.us-east.bsky.network/subscribe';

const keyword = z.string().trim().min(1, 'a keyword cannot be empty').max(100, 'a keyword is at most 100 characters');

export const jetstreamConfigSchema = z
  .object({
    endpoint: z
      .string()
      .trim()
      .max(2048)
      .refine((value) => /^wss?:\/\/[^\s/]+/i.test(value), 'must be a ws:// or wss:// address, e.g. wss://jetstream2.us-east.bsky.network/subscribe')
      .default(DEFAULT_JETSTREAM_ENDPOINT),
    keywords: z.array(keyword).min(1, 'add at least one keyword: the firehose carries every Bluesky post').max(200),
    languages: z.array(z.string().trim().min(2).max(35)).max(20).default([]),
  })
  .strict();

export type JetstreamConfig = z.output<typeof jetstreamConfigSchema>;

export const jetstreamSpec: SourceKindSpec<typeof jetstreamConfigSchema> = {
  kind: 'jetstream',
  title: 'Bluesky firehose (Jetstream)',
  description:
    'Every new Bluesky post, live, through a Jetstream WebSocket; Earshot keeps the ones that contain one of your keywords. No account needed. After a restart or a dropped connection it resumes where it stopped.',
  schema: jetstreamConfigSchema,
  fields: [
    {
      key: 'keywords',
      label: 'Keywords',
      type: 'list',
      required: true,
      help: 'Words or "phrases", #hashtags, @handles; refund* matches refunds. A post is kept if it contains any of them.',
    },
    { key: 'languages', label: 'Languages', type: 'list', help: 'Language codes such as en, de; empty keeps every language.' },
    {
      key: 'endpoint',
      label: 'Jetstream address',
      type: 'url',
      placeholder: DEFAULT_JETSTREAM_ENDPOINT,
      help: 'A public Jetstream instance (jetstream1/2.us-east/us-west.bsky.network) or your own.',
    },
  ],
  defaultIntervalMs: 1_000,
  secretFields: [],
};
