/**
 * Bluesky's Jetstream firehose as a source: a WebSocket to `<endpoint>?wantedCollections=app.bsky.feed.post`
 * kept open between polls, filtered by keywords on our side. The cursor is Jetstream's `time_us`
 * of the last handled event; a (re)connection asks for `cursor=<time_us − 5 s>`, as Jetstream
 * recommends, and the store drops the few re-read posts by their at:// URI.
 */
import WebSocket from 'ws';
import { jetstreamConfigSchema, type JetstreamConfig } from '@shared/contract/source-config/jetstream';
import { parseSourceConfig, type PollContext } from '../adapter';
import { keywordMatcher } from '../streams/keywords';
import type { Drained } from '../streams/stream-buffer';
import { StreamingSource, type StreamConnection, type StreamOptions, type StreamSink } from '../streams/streaming-source';
import type { MentionInput } from '@shared/domain/mention';
import { POST_COLLECTION, readJetstreamFrame, type FrameContext } from './jetstream-events';

export const JETSTREAM_INTERVAL_MS = 1_000;
/** Jetstream's advice: on reconnect, rewind the cursor a few seconds so nothing in flight is missed. */
export const JETSTREAM_REWIND_US = 5_000_000;
/** One Jetstream frame is a few kB; anything near this is not a post. */
const MAX_FRAME_BYTES = 1024 * 1024;
const HANDSHAKE_TIMEOUT_MS = 10_000;
const MAX_KNOWN_HANDLES = 50_000;

export const JETSTREAM_STREAM_OPTIONS: StreamOptions = { bufferCapacity: 10_000, batchSize: 2_000, idleTimeoutMs: 60_000 };

export class JetstreamSource extends StreamingSource {
  private readonly frames: FrameContext;

  constructor(
    sourceId: string,
    readonly config: JetstreamConfig,
    options: Partial<StreamOptions> = {},
  ) {
    super(sourceId, { ...JETSTREAM_STREAM_OPTIONS, ...options });
    this.frames = {
      matches: keywordMatcher(config.keywords),
      languages: config.languages.map((l) => l.toLowerCase()),
      handles: new Map(),
    };
  }

  static fromJson(sourceId: string, json: string): JetstreamSource {
    return new JetstreamSource(sourceId, parseSourceConfig(jetstreamConfigSchema, sourceId, json));
  }

  /** The address for a connection resuming after `from` (null: live from now). */
  subscribeUrl(from: number | null): string {
    const url = new URL(this.config.endpoint);
    url.searchParams.set('wantedCollections', POST_COLLECTION);
    if (from !== null) url.searchParams.set('cursor', String(Math.max(0, from - JETSTREAM_REWIND_US)));
    return url.toString();
  }

  protected open(from: number | null, sink: StreamSink, context: PollContext): StreamConnection {
    const address = this.subscribeUrl(from);
    try {
      context.outbound.assertUrl(address);
    } catch (error) {
      // After open() returns, as a socket's own failure would be.
      const reason = error instanceof Error ? error.message : String(error);
      queueMicrotask(() => sink.ended(`Jetstream connection to ${this.config.endpoint} failed: ${reason}`));
      return { close: () => undefined };
    }
    // The guard's lookup checks the resolved address; ws follows no redirects unless asked.
    const socket = new WebSocket(address, {
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      perMessageDeflate: false,
      lookup: context.outbound.lookup,
      followRedirects: false,
    });
    let reading = true;
    let failure: string | null = null;
    socket.on('open', () => sink.opened());
    socket.on('unexpected-response', (_request, response) => {
      failure = `Jetstream refused the connection: HTTP ${response.statusCode ?? '?'} from ${this.config.endpoint}`;
      response.resume();
      socket.terminate();
    });
    socket.on('message', (data, isBinary) => {
      if (!reading) return;
      if (isBinary) {
        sink.malformed('a binary frame (compressed streams are not requested)');
        return;
      }
      const frame = readJetstreamFrame(String(data), this.frames);
      if (frame.kind === 'malformed') sink.malformed(frame.reason);
      else if (frame.kind === 'skip') sink.skip(frame.position);
      else if (!sink.offer(frame.position, frame.mention)) reading = false;
      if (this.frames.handles.size > MAX_KNOWN_HANDLES) {
        const oldest = this.frames.handles.keys().next().value;
        if (oldest !== undefined) this.frames.handles.delete(oldest);
      }
    });
    socket.on('error', (error) => {
      failure ??= `Jetstream connection to ${this.config.endpoint} failed: ${plainSocketError(error)}`;
    });
    socket.on('close', (code) => {
      reading = false;
      sink.ended(failure ?? (code === 1000 || code === 1005 ? null : `Jetstream closed the connection (code ${code})`));
    });
    return {
      close() {
        reading = false;
        socket.terminate();
      },
    };
  }

  protected positionOf(cursor: string | null): number | null {
    if (cursor === null || !/^\d{1,16}$/.test(cursor)) return null;
    return Number(cursor);
  }

  protected cursorAfter(drained: Drained<MentionInput>, previous: string | null): string | null {
    const before = this.positionOf(previous);
    if (drained.position === null) return previous;
    return String(before === null ? drained.position : Math.max(before, drained.position));
  }
}

function plainSocketError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code} (${error.message})` : error.message;
}
