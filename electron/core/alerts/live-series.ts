/** The minute series a window rule reads live, with its older part cached between ticks. */
import { MinuteSeries } from '@shared/logic/alerts/series';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import type { Store } from '../store/store';
import { spamExcluded } from '../stories/spam-setting';

/** History a window rule reads: a week back for the seasonal band, up to a week of trailing baseline, plus windows. */
const HISTORY_MS = (8 * 24 * 60 + 120) * MINUTE_MS;
/** The part of that history older than this is cached (it changes only by late arrivals). */
const RECENT_MS = 6 * 60 * MINUTE_MS;
const OLD_PART_TTL_MS = 5 * MINUTE_MS;

interface OldPart {
  at: number;
  from: number;
  to: number;
  historyStart: number | null;
  counts: ReturnType<Store['alerting']['minuteCounts']>;
}

/** Flagged posts taken off the counts, as negative entries (the series adds what it is given). */
function minus(counts: ReturnType<Store['flags']['minuteCounts']>): ReturnType<Store['alerting']['minuteCounts']> {
  return counts.map((c) => ({ minute: c.minute, total: -c.total, negative: -c.negative }));
}

export class LiveSeries {
  private readonly oldParts = new Map<string, OldPart>();

  constructor(private readonly store: Store) {}

  /** The scope's minute series for the live evaluation; null while the scope has no history. */
  of(topicId: number | null, at: number): MinuteSeries | null {
    const from = floorToMinute(at - HISTORY_MS);
    const split = floorToMinute(at - RECENT_MS);
    const key = String(topicId);
    let old = this.oldParts.get(key);
    if (!old || at - old.at > OLD_PART_TTL_MS || old.historyStart === null) {
      const counts = this.store.alerting.minuteCounts(topicId, from, split - 1);
      // Spam and coordinated posts are left out of counts and baselines where the scope says so.
      if (spamExcluded(this.store, topicId)) counts.push(...minus(this.store.flags.minuteCounts(topicId, from, split - 1)));
      old = { at, from, to: split, historyStart: this.store.alerting.historyStart(topicId), counts };
      this.oldParts.set(key, old);
    }
    const historyStart = old.historyStart;
    if (historyStart === null) return null;
    const recent = this.store.alerting.minuteCounts(topicId, old.to, at);
    if (spamExcluded(this.store, topicId)) recent.push(...minus(this.store.flags.minuteCounts(topicId, old.to, at)));
    return new MinuteSeries([...old.counts, ...recent], old.from, at, historyStart);
  }
}
