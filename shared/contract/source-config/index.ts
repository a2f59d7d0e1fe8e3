/**
 * Every kind of source a user can add from the settings screen. A new kind adds its spec module
 * in this folder and one entry here.
 */
import type { SourceKind } from '../../domain/source';
import type { SourceKindSpec } from './spec';
import { blueskySpec } from './bluesky';
import { feedSpec } from './feed';
import { hackerNewsSpec } from './hackernews';
import { importSpec } from './import';
import { jetstreamSpec } from './jetstream';
import { mastodonSpec } from './mastodon';
import { mastodonStreamSpec } from './mastodon-stream';
import { redditSpec } from './reddit';
import { webhookSpec } from './webhook';
import { xSpec } from './x';
import { youtubeSpec } from './youtube';

export const SOURCE_KIND_SPECS: Partial<Record<SourceKind, SourceKindSpec>> = {
  // Polling platform adapters (listening-sources).
  feed: feedSpec,
  mastodon: mastodonSpec,
  bluesky: blueskySpec,
  reddit: redditSpec,
  hackernews: hackerNewsSpec,
  x: xSpec,
  youtube: youtubeSpec,
  // Streams, webhooks and imports (listening-streams).
  jetstream: jetstreamSpec,
  'mastodon-stream': mastodonStreamSpec,
  webhook: webhookSpec,
  import: importSpec,
};

export type { FieldSpec, FieldType, SourceKindSpec } from './spec';
