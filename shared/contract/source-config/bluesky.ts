/** Bluesky post search (app.bsky.feed.searchPosts), signed in with an app password. */
import { z } from 'zod';
import { httpUrl, optionalSecret, optionalText, searchQuery } from './common';
import type { SourceKindSpec } from './spec';

export const blueskyConfigSchema = z
  .object({
    /** The AppView that answers searches. */
    serviceUrl: httpUrl('The service address').default('https://api.bsky.app'),
    query: searchQuery(500),
    /** Only posts in this language (BCP-47, e.g. "en"). */
    lang: optionalText(
      z
        .string()
        .trim()
        .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a language code such as en or pt-BR'),
    ),
    /** Where the account signs in (its PDS or the bsky.social entryway). */
    loginServiceUrl: httpUrl('The sign-in address').default('https://bsky.social'),
    /** Handle (or email) of the account that searches. */
    identifier: optionalText(z.string().trim().max(256).regex(/^\S+$/, 'a handle such as yourbrand.bsky.social')),
    appPassword: optionalSecret('The app password'),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.appPassword && !config.identifier)
      ctx.addIssue({ code: 'custom', path: ['identifier'], message: 'enter the handle the app password belongs to' });
    if (config.identifier && !config.appPassword) ctx.addIssue({ code: 'custom', path: ['appPassword'], message: 'enter an app password for this handle' });
  });
export type BlueskyConfig = z.output<typeof blueskyConfigSchema>;

export const blueskySpec: SourceKindSpec<typeof blueskyConfigSchema> = {
  kind: 'bluesky',
  title: 'Bluesky search',
  description:
    'Searches Bluesky posts, newest first. Bluesky only answers searches from a signed-in account: give a handle and an app password (never your main password).',
  schema: blueskyConfigSchema,
  fields: [
    {
      key: 'query',
      label: 'Search',
      type: 'text',
      required: true,
      placeholder: '"kestrel mobile" OR #kestreldown',
      help: 'Lucene-style: words, "phrases", from:handle, #tags.',
    },
    { key: 'lang', label: 'Language', type: 'text', placeholder: 'en', help: 'Optional: only posts in this language.' },
    { key: 'identifier', label: 'Handle', type: 'text', placeholder: 'yourbrand.bsky.social', help: 'The account that searches.' },
    { key: 'appPassword', label: 'App password', type: 'secret', help: 'bsky.app → Settings → Privacy and security → App passwords → Add.' },
    { key: 'serviceUrl', label: 'Search service', type: 'url', placeholder: 'https://api.bsky.app', help: 'The AppView answering app.bsky.feed.searchPosts.' },
    {
      key: 'loginServiceUrl',
      label: 'Sign-in service',
      type: 'url',
      placeholder: 'https://bsky.social',
      help: 'Your PDS, or bsky.social for accounts hosted by Bluesky.',
    },
  ],
  defaultIntervalMs: 60_000,
  secretFields: ['appPassword'],
};
