/** YouTube Data API v3 comments (commentThreads.list) on a video or across a channel. */
import { z } from 'zod';
import { httpUrl, optionalText, secretValue } from './common';
import type { SourceKindSpec } from './spec';

export const YOUTUBE_SCOPES = ['video', 'channel'] as const;

export const youtubeConfigSchema = z
  .object({
    baseUrl: httpUrl('The API address').default('https://www.googleapis.com/youtube/v3'),
    scope: z.enum(YOUTUBE_SCOPES).default('video'),
    videoId: optionalText(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{11}$/, 'a video id is the 11 characters after watch?v='),
    ),
    channelId: optionalText(
      z
        .string()
        .trim()
        .regex(/^UC[A-Za-z0-9_-]{22}$/, 'a channel id starts with UC and has 24 characters'),
    ),
    /** Only comments containing these words. */
    searchTerms: optionalText(z.string().trim().max(200)),
    apiKey: secretValue('The API key'),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.scope === 'video' && !config.videoId) ctx.addIssue({ code: 'custom', path: ['videoId'], message: 'enter the video id' });
    if (config.scope === 'channel' && !config.channelId) ctx.addIssue({ code: 'custom', path: ['channelId'], message: 'enter the channel id' });
  });
export type YouTubeConfig = z.output<typeof youtubeConfigSchema>;

export const youtubeSpec: SourceKindSpec<typeof youtubeConfigSchema> = {
  kind: 'youtube',
  title: 'YouTube comments',
  description:
    'Reads new comments on one video or on all videos of a channel. Needs a YouTube Data API v3 key; each page costs 1 unit of the 10,000 daily quota.',
  schema: youtubeConfigSchema,
  fields: [
    { key: 'baseUrl', label: 'API address', type: 'url', placeholder: 'https://www.googleapis.com/youtube/v3' },
    { key: 'scope', label: 'Comments on', type: 'select', options: YOUTUBE_SCOPES },
    { key: 'videoId', label: 'Video id', type: 'text', placeholder: 'dQw4w9WgXcQ', help: 'For one video: the part after watch?v=.' },
    { key: 'channelId', label: 'Channel id', type: 'text', placeholder: 'UCxxxxxxxxxxxxxxxxxxxxxx', help: 'For a whole channel: its id (starts with UC).' },
    { key: 'searchTerms', label: 'Only comments with', type: 'text', help: 'Optional words a comment must contain.' },
    {
      key: 'apiKey',
      label: 'API key',
      type: 'secret',
      required: true,
      help: 'console.cloud.google.com → APIs & Services → enable "YouTube Data API v3" → Credentials → API key.',
    },
  ],
  defaultIntervalMs: 5 * 60_000,
  secretFields: ['apiKey'],
};
