/**
 * A scope's per-minute counts as dense arrays with prefix sums, so the detectors can sum any
 * window in O(1): the same structure serves the live evaluation and a week-long backtest.
 */
import { MINUTE_MS, floorToMinute } from '../time';

export interface MinuteCounts {
  minute: number;
  total: number;
  negative: number;
}

export class MinuteSeries {
  /** First minute held (epoch ms, minute-aligned). */
  readonly start: number;
  /** Minutes held. */
  readonly length: number;
  private readonly totalSums: Float64Array;
  private readonly negativeSums: Float64Array;

  /**
   * @param historyStart when listening began for this scope: minutes before it are unknown, not
   *   zero (a topic created yesterday has no baseline for last week). Minute-aligned or not.
   */
  constructor(
    counts: readonly MinuteCounts[],
    from: number,
    to: number,
    readonly historyStart: number,
  ) {
    this.start = floorToMinute(from);
    this.length = Math.max(0, Math.floor((floorToMinute(to) - this.start) / MINUTE_MS) + 1);
    this.totalSums = new Float64Array(this.length + 1);
    this.negativeSums = new Float64Array(this.length + 1);
    const total = new Float64Array(this.length);
    const negative = new Float64Array(this.length);
    for (const c of counts) {
      const i = (c.minute - this.start) / MINUTE_MS;
      if (!Number.isInteger(i) || i < 0 || i >= this.length) continue;
      total[i] = (total[i] ?? 0) + c.total;
      negative[i] = (negative[i] ?? 0) + c.negative;
    }
    for (let i = 0; i < this.length; i++) {
      this.totalSums[i + 1] = this.totalSums[i]! + total[i]!;
      this.negativeSums[i + 1] = this.negativeSums[i]! + negative[i]!;
    }
  }

  /** The end (exclusive) of the minutes held. */
  get end(): number {
    return this.start + this.length * MINUTE_MS;
  }

  /** Sum over minutes in [from, to) (minute-aligned epoch ms), clipped to what is held. */
  sum(measure: 'total' | 'negative', from: number, to: number): number {
    const sums = measure === 'total' ? this.totalSums : this.negativeSums;
    const a = Math.min(this.length, Math.max(0, Math.floor((from - this.start) / MINUTE_MS)));
    const b = Math.min(this.length, Math.max(0, Math.floor((to - this.start) / MINUTE_MS)));
    return b > a ? sums[b]! - sums[a]! : 0;
  }

  /** The counts of one minute. */
  at(minute: number): MinuteCounts {
    return { minute, total: this.sum('total', minute, minute + MINUTE_MS), negative: this.sum('negative', minute, minute + MINUTE_MS) };
  }
}
