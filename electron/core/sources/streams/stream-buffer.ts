/**
 * The bounded hand-over between a stream's background connection and the scheduler's polls.
 *
 * A connection pushes every event it reads: a matching post becomes a buffered item, anything else
 * only moves the read position forward. A poll drains up to a batch of items and gets back the
 * cursor up to which *everything* has been handled, so the mentions and that cursor commit in one
 * transaction: a crash after the commit resumes after them, a crash before it resumes before them
 * (the store drops the re-read duplicates by (source, external id)). Nothing is ever acknowledged
 * to the platform, so nothing is lost either.
 *
 * Positions are numbers that only grow within a stream (Jetstream's `time_us`, Mastodon's status
 * ids as integers); a reconnect may replay older ones, which never move the read position back.
 */
export interface BufferedItem<T> {
  position: number;
  item: T;
}

export interface Drained<T> {
  items: T[];
  /** Everything at or before this position has been handed out (or was not wanted); null if nothing was read yet. */
  position: number | null;
  /** More items are waiting than one batch holds. */
  more: boolean;
}

export class StreamBuffer<T> {
  private queue: BufferedItem<T>[] = [];
  private head = 0;
  /** The newest position read so far, buffered or not. */
  private readPosition: number | null;

  /**
   * @param capacity most items held at once; `offer` refuses more (the connection must stop reading).
   * @param start the committed position the stream resumes from (null on a first start).
   */
  constructor(
    readonly capacity: number,
    start: number | null = null,
  ) {
    this.readPosition = start;
  }

  get size(): number {
    return this.queue.length - this.head;
  }

  get full(): boolean {
    return this.size >= this.capacity;
  }

  /** The newest position read (where a reconnect resumes). */
  get position(): number | null {
    return this.readPosition;
  }

  /**
   * A wanted event. Returns false, without recording anything, when the buffer is full: the caller
   * must stop reading and later resume from `position`, so the refused event is read again.
   */
  offer(position: number, item: T): boolean {
    if (this.full) return false;
    this.queue.push({ position, item });
    this.advance(position);
    return true;
  }

  /** An event that was read but is not wanted (another keyword, a delete, an identity change). */
  skip(position: number): void {
    this.advance(position);
  }

  drain(max: number): Drained<T> {
    const end = Math.min(this.queue.length, this.head + max);
    const taken = this.queue.slice(this.head, end);
    this.head = end;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return { items: taken.map((t) => t.item), position: this.safePosition(), more: this.size > 0 };
  }

  /**
   * The cursor to commit: everything before the oldest item still waiting, or everything read when
   * nothing waits. Items replayed after a reconnect can sit out of order, hence the minimum.
   */
  private safePosition(): number | null {
    if (this.size === 0) return this.readPosition;
    let oldest = Infinity;
    for (let i = this.head; i < this.queue.length; i++) oldest = Math.min(oldest, this.queue[i]!.position);
    return oldest - 1;
  }

  private advance(position: number): void {
    if (this.readPosition === null || position > this.readPosition) this.readPosition = position;
  }
}
