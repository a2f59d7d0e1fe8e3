/**
 * Counts failures per key (a remote address, a name) in a sliding window. Sign-in and pairing use
 * it so a passphrase cannot be guessed at network speed, and a flood of pairing requests cannot
 * fill the Walls view.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  retryAfterMs(key: string): number {
    const list = this.recent(key);
    if (list.length < this.max) return 0;
    return Math.max(1, list[0]! + this.windowMs - this.now());
  }

  record(key: string): void {
    const list = this.recent(key);
    list.push(this.now());
    this.attempts.set(key, list);
    // Forgotten keys would otherwise pile up under a spray of addresses.
    if (this.attempts.size > 10_000) {
      for (const [k] of this.attempts) {
        if (this.recent(k).length === 0) this.attempts.delete(k);
      }
    }
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.attempts.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.attempts.delete(key);
    return list;
  }
}
