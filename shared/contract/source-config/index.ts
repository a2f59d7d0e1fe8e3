/**
 * The settings form of every kind of source: a new kind adds its spec module in this folder and
 * one entry here. The map is complete on purpose, so a kind added to SOURCE_KINDS without a
 * decision here fails to compile; `null` says the app creates that kind itself and no one adds or
 * edits it from the settings screen.
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

export const SOURCE_KIND_SPECS: Readonly<Record<SourceKind, SourceKindSpec | null>> = {
  // Created by the app: the built-in demo stream and a replay's stand-in source.
  demo: null,
  replay: null,
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
