/**
 * Mastodon's streaming API as a source: `GET /api/v1/streaming/hashtag?tag=…` (or `hashtag/local`,
 * `public`, `public/local`) answered with server-sent events, `event: update` carrying a Status as
 * JSON, `event: delete` a status id, and `:thump` heartbeats. The connection stays open between
 * polls (see `StreamingSource`).
 *
 * Mastodon cannot replay a stream, so there is nothing to resume from: the cursor records the
 * newest status id stored, and posts made while disconnected are not fetched again (the polling
 * Mastodon source is the one to use where completeness matters more than immediacy).
 */
import { mastodonStreamConfigSchema, type MastodonStreamConfig } from '@shared/contract/source-config/mastodon-stream';
import type { MentionInput } from '@shared/domain/mention';
import { parseSourceConfig, type PollContext } from '../adapter';
import { mapMastodonStatus, type MastodonStatus } from '../mastodon/map-status';
import { compareKeys } from '../paging/newest-first';
import { keywordMatcher, type KeywordMatcher } from '../streams/keywords';
import type { Drained } from '../streams/stream-buffer';
import { StreamingSource, type StreamConnection, type StreamOptions, type StreamSink } from '../streams/streaming-source';
import { SseReader, type SseEvent } from './sse';

export const MASTODON_STREAM_OPTIONS: StreamOptions = { bufferCapacity: 5_000, batchSize: 1_000, idleTimeoutMs: 90_000 };

const PATHS: Record<MastodonStreamConfig['stream'], string> = {
  hashtag: 'hashtag',
  'hashtag:local': 'hashtag/local',
  public: 'public',
  'public:local': 'public/local',
};

export class MastodonStreamSource extends StreamingSource {
  private readonly host: string;
  private readonly matches: KeywordMatcher | null;
  /** Streams have no positions of their own: events are numbered as they arrive. */
  private sequence = 0;

  constructor(
    sourceId: string,
    readonly config: MastodonStreamConfig,
    options: Partial<StreamOptions> = {},
  ) {
    super(sourceId, { ...MASTODON_STREAM_OPTIONS, ...options });
    this.host = new URL(config.instanceUrl).host;
    this.matches = config.keywords.length > 0 ? keywordMatcher(config.keywords) : null;
  }

  static fromJson(sourceId: string, json: string): MastodonStreamSource {
    return new MastodonStreamSource(sourceId, parseSourceConfig(mastodonStreamConfigSchema, sourceId, json));
  }

  streamUrl(): string {
    const base = new URL(this.config.streamingUrl ?? this.config.instanceUrl);
    const url = new URL(`${base.pathname.replace(/\/$/, '')}/api/v1/streaming/${PATHS[this.config.stream]}`, base);
    if (this.config.stream.startsWith('hashtag') && this.config.hashtag) url.searchParams.set('tag', this.config.hashtag);
    return url.toString();
  }

  protected open(_from: number | null, sink: StreamSink, context: PollContext): StreamConnection {
    const abort = new AbortController();
    let open = true;
    const url = this.streamUrl();
    const where = `${new URL(url).host}${new URL(url).pathname}`;
    const headers: Record<string, string> = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' };
    if (this.config.accessToken) headers.Authorization = `Bearer ${this.config.accessToken}`;

    const run = async (): Promise<void> => {
      const response = await context.fetch(url, { headers, signal: abort.signal, redirect: 'follow' });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        sink.ended(refusal(response.status, where));
        return;
      }
      const type = response.headers.get('content-type') ?? '';
      if (!type.toLowerCase().startsWith('text/event-stream')) {
        await response.body?.cancel().catch(() => undefined);
        sink.ended(
          `${where} answered ${type || 'no content type'}, not an event stream; the instance may not offer streaming here (use the Mastodon hashtag source instead, or set the streaming server address)`,
        );
        return;
      }
      if (!response.body) {
        sink.ended(`${where} answered without a body`);
        return;
      }
      sink.opened();
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const sse = new SseReader({ event: (event) => this.onEvent(event, sink, () => (open = false)), comment: () => sink.alive() });
      while (open) {
        const { done, value } = await reader.read();
        if (done) break;
        sse.push(decoder.decode(value, { stream: true }));
      }
      await reader.cancel().catch(() => undefined);
      if (open) sink.ended(null);
    };
    run().catch((error: unknown) => {
      if (!open) return;
      open = false;
      sink.ended(`Mastodon streaming connection to ${where} failed: ${networkCause(error)}`);
    });
    return {
      close() {
        open = false;
        abort.abort();
      },
    };
  }

  private onEvent(event: SseEvent, sink: StreamSink, stop: () => void): void {
    const position = ++this.sequence;
    if (event.event !== 'update') {
      // delete, status.update (an edit of a post already seen), notification, filters_changed, …
      sink.skip(position);
      return;
    }
    let status: MastodonStatus;
    try {
      status = JSON.parse(event.data) as MastodonStatus;
    } catch {
      sink.malformed(`an update event that is not JSON (${event.data.length} bytes)`);
      return;
    }
    const mention = typeof status === 'object' && status !== null ? mapMastodonStatus(status, this.host) : null;
    if (!mention) {
      sink.skip(position);
      return;
    }
    if (this.matches && !this.matches(mention.text)) {
      sink.skip(position);
      return;
    }
    if (!sink.offer(position, mention)) stop();
  }

  protected positionOf(): number | null {
    return null;
  }

  protected cursorAfter(drained: Drained<MentionInput>, previous: string | null): string | null {
    let newest = readLastId(previous);
    for (const item of drained.items) {
      if (/^\d{1,40}$/.test(item.externalId) && (newest === null || compareKeys(item.externalId, newest) > 0)) newest = item.externalId;
    }
    return newest === null ? previous : JSON.stringify({ lastId: newest });
  }
}

function readLastId(cursor: string | null): string | null {
  if (cursor === null) return null;
  try {
    const parsed = JSON.parse(cursor) as { lastId?: unknown };
    return typeof parsed.lastId === 'string' && /^\d{1,40}$/.test(parsed.lastId) ? parsed.lastId : null;
  } catch {
    return null;
  }
}

/** fetch says only "fetch failed"; the system's reason (ECONNREFUSED, ENOTFOUND, …) is in its cause. */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: Array<{ code?: unknown }> } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (typeof code === 'string') return code;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function refusal(status: number, where: string): string {
  if (status === 401 || status === 403)
    return `${where} refused the stream (HTTP ${status}): this instance requires an access token for streaming; add one, or use the Mastodon hashtag source (polling) instead`;
  if (status === 404 || status === 410 || status === 501)
    return `${where} does not offer this stream (HTTP ${status}); the instance may stream from another address (set the streaming server) or not allow streaming (use the Mastodon hashtag source instead)`;
  if (status === 429) return `${where} is rate limiting (HTTP 429); retrying with backoff`;
  return `${where} answered HTTP ${status}`;
}
