/**
 * The expected band drawn behind a volume chart: for each minute, the range the alert rules
 * would call normal — the trailing rate over the baseline before that minute (5-minute blocks,
 * winsorised, as the volume-spike rule computes it) and its Poisson band at the default
 * sensitivity. A spike is then visibly "out of the band", the same band that fires the alert.
 */
import type { MinuteBucket } from '../../domain/volume';
import { DEFAULT_VOLUME_SPIKE } from '../alerts/defaults';
import { band, trailingExpectation } from '../alerts/rate';
import { MinuteSeries } from '../alerts/series';

export interface ExpectedRange {
  minute: number;
  low: number;
  high: number;
}

/**
 * `history` holds the minutes before the shown ones as well (oldest first, zeros filled); the
 * result covers the last `shownMinutes` of it, null where there is too little history yet.
 */
export function expectedBand(history: readonly MinuteBucket[], shownMinutes: number): Array<ExpectedRange | null> {
  if (history.length === 0) return [];
  const first = history[0]!.minute;
  const last = history[history.length - 1]!.minute;
  const series = new MinuteSeries(history, first, last, first);
  const { baselineMinutes, sensitivity } = DEFAULT_VOLUME_SPIKE;
  return history.slice(-shownMinutes).map((b) => {
    const e = trailingExpectation(series, 'total', b.minute, baselineMinutes);
    if (!e) return null;
    const r = band(e.rate, 1, e.basisMinutes, sensitivity);
    return { minute: b.minute, low: Math.round(r.low * 10) / 10, high: Math.round(r.high * 10) / 10 };
  });
}

/** Minutes of history to ask for so every shown minute has its full trailing baseline. */
export function historyMinutesFor(shownMinutes: number): number {
  return shownMinutes + DEFAULT_VOLUME_SPIKE.baselineMinutes;
}
