/** Builds the adapter for a stored source record. New source kinds register here. */
import type { SourceRecord } from '../store/queries/sources';
import { withSecrets, type SourceSecrets } from '../secrets/secret-fields';
import { SourceConfigError, type SourceAdapter } from './adapter';
import { DemoSource } from './demo/demo-source';
import { BlueskySource } from './bluesky/bluesky-source';
import { FeedSource } from './feed/feed-source';
import { HackerNewsSource } from './hackernews/hackernews-source';
import { MastodonSource } from './mastodon/mastodon-source';
import { RedditSource } from './reddit/reddit-source';
import { XSource } from './x/x-source';
import { YouTubeSource } from './youtube/youtube-source';
import { JetstreamSource } from './jetstream/jetstream-source';
import { WebhookSource } from './webhook/webhook-source';
import { ImportSource } from './import/import-source';
import { MastodonStreamSource } from './mastodon-stream/mastodon-stream-source';
import { ReplaySource } from './replay/replay-source';

/**
 * `secrets` are the source's secret fields (tokens, keys) from the SecretStore: they are never in
 * `record.config`, and are merged into the settings only here, where the adapter is built.
 */
export function createAdapter(record: Pick<SourceRecord, 'id' | 'kind' | 'config'>, secrets: SourceSecrets = {}): SourceAdapter {
  const json = withSecrets(record.config, secrets);
  switch (record.kind) {
    case 'demo':
      return DemoSource.fromJson(record.id, json);
    case 'replay':
      return ReplaySource.fromJson(record.id, json);
    case 'jetstream':
      return JetstreamSource.fromJson(record.id, json);
    case 'webhook':
      return WebhookSource.fromJson(record.id, json);
    case 'import':
      return ImportSource.fromJson(record.id, json);
    case 'mastodon-stream':
      return MastodonStreamSource.fromJson(record.id, json);
    case 'feed':
      return FeedSource.fromJson(record.id, json);
    case 'mastodon':
      return MastodonSource.fromJson(record.id, json);
    case 'bluesky':
      return BlueskySource.fromJson(record.id, json);
    case 'reddit':
      return RedditSource.fromJson(record.id, json);
    case 'hackernews':
      return HackerNewsSource.fromJson(record.id, json);
    case 'x':
      return XSource.fromJson(record.id, json);
    case 'youtube':
      return YouTubeSource.fromJson(record.id, json);
    default:
      throw new SourceConfigError(`source ${record.id}: unknown kind "${String(record.kind)}"`);
  }
}
