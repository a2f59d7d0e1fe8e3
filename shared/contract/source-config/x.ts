/** X (Twitter) API v2 recent search with an app's bearer token. */
import { z } from 'zod';
import { httpUrl, searchQuery, secretValue } from './common';
import type { SourceKindSpec } from './spec';

export const xConfigSchema = z
  .object({
    baseUrl: httpUrl('The API address').default('https://api.x.com'),
    query: searchQuery(4096),
    bearerToken: secretValue('The bearer token'),
  })
  .strict();
export type XConfig = z.output<typeof xConfigSchema>;

export const xSpec: SourceKindSpec<typeof xConfigSchema> = {
  kind: 'x',
  title: 'X (Twitter) recent search',
  description:
    'Searches posts of the last 7 days with the X API v2. Needs an app bearer token from the X developer portal; reads count against its monthly post cap.',
  schema: xConfigSchema,
  fields: [
    { key: 'baseUrl', label: 'API address', type: 'url', placeholder: 'https://api.x.com' },
    {
      key: 'query',
      label: 'Search',
      type: 'text',
      required: true,
      placeholder: '(@KestrelMobile OR "kestrel mobile") -is:retweet',
      help: 'X search operators: words, "phrases", @handles, #tags, -is:retweet, lang:en. 512 characters on the Basic plan.',
    },
    {
      key: 'bearerToken',
      label: 'Bearer token',
      type: 'secret',
      required: true,
      help: 'developer.x.com → your project → app → Keys and tokens → Bearer Token.',
    },
  ],
  defaultIntervalMs: 60_000,
  secretFields: ['bearerToken'],
};
