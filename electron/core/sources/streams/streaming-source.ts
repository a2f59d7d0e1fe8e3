/**
 * A push stream (a WebSocket, server-sent events) as a scheduler-owned source. The connection runs
 * in the background and fills a bounded buffer; each `poll()` drains it and returns the cursor of
 * the last handled event, so mentions and cursor commit together (see `StreamBuffer`).
 *
 * Reconnection rides on the scheduler: a poll reopens a dropped connection at once (resuming from
 * the read position); if opening fails, the next poll with nothing buffered throws the reason, and
 * the scheduler's backoff with jitter spaces out the retries and shows the error in the source's
 * health. A full buffer closes the connection (backpressure) until polls have drained half of it;
 * the refused event is read again on resume.
 */
import type { MentionInput } from '@shared/domain/mention';
import type { PollContext, PollResult, SourceAdapter } from '../adapter';
import { StreamBuffer, type Drained } from './stream-buffer';

/** What a subclass's open connection reports back. */
export interface StreamSink {
  /** The connection is up (the handshake or the HTTP response succeeded). */
  opened(): void;
  /** Any sign of life: an event, a heartbeat comment. Keeps the idle timer from firing. */
  alive(): void;
  /** A wanted post at `position`. Returns false when the buffer is full: stop reading. */
  offer(position: number, mention: MentionInput): boolean;
  /** An event read but not wanted; it still moves the read position. */
  skip(position: number): void;
  /** A frame that could not be read; counted and its reason kept for the health line. */
  malformed(reason: string): void;
  /** The connection is gone. `error` is null for an orderly close. */
  ended(error: string | null): void;
}

/** How many recent ids are remembered to skip re-read posts; far more than a rewind covers. */
const SEEN_IDS = 50_000;

export interface StreamConnection {
  close(): void;
}

export interface StreamOptions {
  /** Most mentions held between polls; beyond it the connection is closed until drained. */
  bufferCapacity: number;
  /** Most mentions handed to one poll (one transaction). */
  batchSize: number;
  /** A connection that shows no sign of life for this long is closed and reopened. */
  idleTimeoutMs: number;
  /** How long a poll that opens the connection waits for the handshake (default 5 s). */
  openWaitMs?: number;
}

const OPEN_WAIT_MS = 5_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

export interface StreamStats {
  connects: number;
  drops: number;
  backpressurePauses: number;
  malformed: number;
  lastMalformed: string | null;
  connected: boolean;
}

export abstract class StreamingSource implements SourceAdapter {
  private buffer: StreamBuffer<MentionInput> | null = null;
  private connection: StreamConnection | null = null;
  /** Connection attempt number; events from an older connection are ignored. */
  private generation = 0;
  private failure: string | null = null;
  private eventsOnConnection = 0;
  private lastAliveAt = 0;
  private pausedForBackpressure = false;
  private closed = false;
  private lastPollAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  /** Ids this adapter buffered lately (insertion-ordered, bounded), to skip replays after a reconnect. */
  private readonly seen = new Set<string>();
  /** The cursor the last poll returned; the next poll must start from it, or that batch was lost. */
  private handedCursor: string | null | undefined = undefined;
  protected readonly stats: StreamStats = { connects: 0, drops: 0, backpressurePauses: 0, malformed: 0, lastMalformed: null, connected: false };

  protected constructor(
    readonly sourceId: string,
    private readonly options: StreamOptions,
  ) {}

  /** Opens the connection, resuming after `from` (null: from now). Report everything through `sink`. */
  protected abstract open(from: number | null, sink: StreamSink, context: PollContext): StreamConnection;

  /** The stored cursor as a read position (null: none, or not resumable). */
  protected abstract positionOf(cursor: string | null): number | null;

  /** The cursor to store after a drain. */
  protected abstract cursorAfter(drained: Drained<MentionInput>, previous: string | null): string | null;

  streamStats(): Readonly<StreamStats> {
    return { ...this.stats };
  }

  async poll(context: PollContext): Promise<PollResult> {
    this.closed = false;
    this.lastPollAt = Date.now();
    this.watchForAbandonment();
    if (this.handedCursor !== undefined && context.cursor !== this.handedCursor) {
      // The previous batch did not commit (its transaction failed): what it held is gone from the
      // buffer, so start over from the cursor that did commit.
      this.close();
      this.closed = false;
      this.buffer = null;
      this.seen.clear();
    }
    this.handedCursor = undefined;
    const buffer = (this.buffer ??= new StreamBuffer<MentionInput>(this.options.bufferCapacity, this.positionOf(context.cursor)));
    if (this.connection && context.now - this.lastAliveAt > this.options.idleTimeoutMs) {
      this.drop(`no data for ${Math.round(this.options.idleTimeoutMs / 1000)} s; reconnecting`);
    }
    if (!this.connection && this.failure !== null && buffer.size === 0) {
      // Report it; the scheduler's backoff decides when the next poll reconnects.
      const failure = this.failure;
      this.failure = null;
      throw new Error(failure);
    }
    if (this.pausedForBackpressure && buffer.size <= buffer.capacity / 2) this.pausedForBackpressure = false;
    if (!this.connection && !this.pausedForBackpressure) {
      // Wait (briefly) for the handshake, so a refused or unreachable stream is reported by this
      // poll, and a "test connection" says whether the stream answers.
      const settled = this.connect(buffer, context);
      await Promise.race([settled, sleep(Math.min(this.options.openWaitMs ?? OPEN_WAIT_MS, this.options.idleTimeoutMs), context.signal)]);
      if (!this.connection && this.failure !== null && buffer.size === 0) {
        const failure = this.failure;
        this.failure = null;
        throw new Error(failure);
      }
    }

    const drained = buffer.drain(this.options.batchSize);
    const cursor = this.cursorAfter(drained, context.cursor);
    this.handedCursor = cursor;
    return { items: drained.items, cursor, moreAvailable: drained.more };
  }

  /** Closes the connection (the source was paused, removed or the core stops). A later poll reopens it. */
  close(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.closed = true;
    this.generation++;
    this.connection?.close();
    this.connection = null;
    this.stats.connected = false;
  }

  /** Opens a connection; the promise settles once it is open or has failed. */
  private connect(buffer: StreamBuffer<MentionInput>, context: PollContext): Promise<void> {
    let settle: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation && !this.closed;
    this.eventsOnConnection = 0;
    this.lastAliveAt = context.now;
    this.stats.connects++;
    const sink: StreamSink = {
      opened: () => {
        settle();
        if (!current()) return;
        this.stats.connected = true;
        this.failure = null;
        this.lastAliveAt = Date.now();
      },
      alive: () => {
        if (current()) this.lastAliveAt = Date.now();
      },
      offer: (position, mention) => {
        if (!current()) return false;
        this.eventsOnConnection++;
        this.lastAliveAt = Date.now();
        // A reconnection re-reads a few seconds (the rewind): posts this adapter already took are
        // only a position, so replays can never fill the buffer and stall progress.
        if (this.seen.has(mention.externalId)) {
          buffer.skip(position);
          return true;
        }
        if (buffer.offer(position, mention)) {
          this.remember(mention.externalId);
          return true;
        }
        this.stats.backpressurePauses++;
        this.pausedForBackpressure = true;
        this.drop(null);
        return false;
      },
      skip: (position) => {
        if (!current()) return;
        this.eventsOnConnection++;
        this.lastAliveAt = Date.now();
        buffer.skip(position);
      },
      malformed: (reason) => {
        if (!current()) return;
        this.stats.malformed++;
        this.stats.lastMalformed = reason;
      },
      ended: (error) => {
        settle();
        if (!current()) return;
        this.connection = null;
        this.stats.connected = false;
        this.stats.drops++;
        // A connection that closes before delivering anything counts as a failure, so a server
        // that accepts and hangs up at once is retried with backoff rather than every poll.
        if (error !== null) this.failure = error;
        else if (this.eventsOnConnection === 0) this.failure = 'the stream closed before sending anything';
      },
    };
    try {
      this.connection = this.open(buffer.position, sink, context);
    } catch (error) {
      this.connection = null;
      this.failure = error instanceof Error ? error.message : String(error);
      settle();
    }
    return settled;
  }

  /**
   * Nobody polls a paused source: after a while without polls its connection is closed (the
   * buffer is kept), so a paused stream does not stay connected. The next poll reopens it.
   */
  private watchForAbandonment(): void {
    if (this.watchdog) return;
    const every = Math.max(1_000, this.options.idleTimeoutMs);
    this.watchdog = setInterval(() => {
      if (this.connection && Date.now() - this.lastPollAt > every) this.drop(null);
    }, every);
    this.watchdog.unref();
  }

  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > SEEN_IDS) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  /** Closes the current connection; the next poll reopens it from the read position. */
  private drop(reason: string | null): void {
    this.generation++;
    this.connection?.close();
    this.connection = null;
    this.stats.connected = false;
    this.stats.drops++;
    if (reason !== null) this.failure = reason;
  }
}
