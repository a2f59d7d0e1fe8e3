/** Reddit search (/search.json), site-wide or in one subreddit; anonymous or as a Reddit app. */
import { z } from 'zod';
import { httpUrl, optionalSecret, optionalText, searchQuery } from './common';
import type { SourceKindSpec } from './spec';

export const redditConfigSchema = z
  .object({
    /** Anonymous searches, and where an app gets its token (/api/v1/access_token). */
    baseUrl: httpUrl('The Reddit address').default('https://www.reddit.com'),
    /** Where searches go with an app token. */
    oauthUrl: httpUrl('The OAuth API address').default('https://oauth.reddit.com'),
    query: searchQuery(512),
    subreddit: optionalText(
      z.preprocess(
        (v) => (typeof v === 'string' ? v.trim().replace(/^\/?r\//, '') : v),
        z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'a subreddit name is 2–21 letters, digits or _'),
      ),
    ),
    /** A Reddit app's client id and secret (app-only OAuth, client credentials). */
    clientId: optionalText(
      z
        .string()
        .trim()
        .max(100)
        .regex(/^[\w-]+$/, "the client id is the string under the app's name"),
    ),
    clientSecret: optionalSecret('The client secret'),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.clientSecret && !config.clientId) ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'enter the client id the secret belongs to' });
    if (config.clientId && !config.clientSecret) ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: "enter the app's secret" });
  });
export type RedditConfig = z.output<typeof redditConfigSchema>;

export const redditSpec: SourceKindSpec<typeof redditConfigSchema> = {
  kind: 'reddit',
  title: 'Reddit search',
  description:
    "Searches Reddit posts, newest first, everywhere or in one subreddit. Works without an account at a low rate (and Reddit refuses anonymous clients from some networks); a Reddit app's id and secret raise the limit.",
  schema: redditConfigSchema,
  fields: [
    {
      key: 'query',
      label: 'Search',
      type: 'text',
      required: true,
      placeholder: 'kestrel mobile',
      help: 'Reddit search syntax: words, "phrases", title:, author:, subreddit:.',
    },
    { key: 'subreddit', label: 'Subreddit', type: 'text', placeholder: 'KestrelMobile', help: 'Optional: only this subreddit (without r/).' },
    { key: 'clientId', label: 'App client id', type: 'text', help: 'Optional: reddit.com/prefs/apps → create app ("script") → the id under its name.' },
    { key: 'clientSecret', label: 'App secret', type: 'secret', help: 'Optional: the "secret" of the same app.' },
    { key: 'baseUrl', label: 'Address', type: 'url', placeholder: 'https://www.reddit.com' },
    { key: 'oauthUrl', label: 'OAuth API address', type: 'url', placeholder: 'https://oauth.reddit.com' },
  ],
  defaultIntervalMs: 2 * 60_000,
  secretFields: ['clientSecret'],
};
