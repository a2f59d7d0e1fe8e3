/**
 * The band maths of the rate rules (volume spike, negative surge), as pure functions of
 * (rule parameters, a minute series, time).
 *
 * Counts are compared as rates, never raw: the expectation for a window is the scope's expected
 * rate × the window's length. The expected rate is the larger of
 *  - the trailing rate over `baselineMinutes` before the window, from 5-minute blocks winsorised at
 *    median + 3√median + 1 (so a past spike does not inflate the baseline and hide the next one), and
 *  - with `seasonal`, the median rate at the same time of day over the previous 7 days (averaged
 *    with the same weekday a week ago when that exists); it needs 2 such days.
 * The band is Poisson with the baseline's own uncertainty and 20% overdispersion:
 *   var = μ + μ·w/T + (0.2·μ)²,  high = μ + z·√var
 * (w: window minutes, T: baseline minutes). A window fires when its count leaves the band AND reaches
 * `minCount` AND `minRatio`×μ, and (for the 15- and 60-minute windows) while its latest 5 minutes
 * still run at 1.5× the expected rate. Three windows (5, 15, 60 min) are checked, so a busy topic fires on a
 * 5-minute burst and a quiet one on a slower hour-long rise that only becomes significant over an hour.
 */
import type { RateParams } from '../../domain/alert-rule';
import { floorToMinute, MINUTE_MS } from '../time';
import type { MinuteSeries } from './series';

export const RATE_WINDOWS_MINUTES = [5, 15, 60] as const;
export const OVERDISPERSION = 0.2;
/** Minutes of trailing history needed before the trailing baseline is trusted. */
export const MIN_BASELINE_MINUTES = 10;
const BLOCK_MINUTES = 5;
/** A 15- or 60-minute window fires only while its latest 5 minutes run at this multiple of the expected rate. */
export const SUSTAINED_RATIO = 1.5;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Each side of the same clock time on previous days. */
const SEASONAL_MARGIN_MINUTES = 30;

export type Measure = 'total' | 'negative';

export interface Expectation {
  /** Expected mentions per minute. */
  rate: number;
  /** Minutes of history the rate rests on (its uncertainty shrinks with it). */
  basisMinutes: number;
  source: 'trailing' | 'seasonal';
}

export interface RateVerdict {
  windowMinutes: number;
  windowStart: number;
  observed: number;
  /** null: no baseline yet (cold start). */
  expected: number | null;
  bandLow: number | null;
  bandHigh: number | null;
  /** How many standard deviations above the expectation (0 without a baseline). */
  score: number;
  fired: boolean;
  critical: boolean;
  basis: Expectation['source'] | 'none';
}

/** The start of the window of `windowMinutes` that ends with the minute holding `now`. */
export function windowStart(now: number, windowMinutes: number): number {
  return floorToMinute(now) - (windowMinutes - 1) * MINUTE_MS;
}

/** Minutes the window really covers: whole minutes plus the elapsed part of the current one. */
export function effectiveMinutes(now: number, windowMinutes: number): number {
  const fraction = (now - floorToMinute(now) + 1) / MINUTE_MS;
  return windowMinutes - 1 + Math.min(1, Math.max(1 / 60, fraction));
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Trailing rate before `before` from winsorised 5-minute blocks; null with too little history. */
export function trailingExpectation(series: MinuteSeries, measure: Measure, before: number, baselineMinutes: number): Expectation | null {
  const earliest = Math.max(before - baselineMinutes * MINUTE_MS, Math.ceil(series.historyStart / MINUTE_MS) * MINUTE_MS, series.start);
  const blocks: number[] = [];
  for (let end = before; end - BLOCK_MINUTES * MINUTE_MS >= earliest; end -= BLOCK_MINUTES * MINUTE_MS) {
    blocks.push(series.sum(measure, end - BLOCK_MINUTES * MINUTE_MS, end));
  }
  const covered = blocks.length * BLOCK_MINUTES;
  if (covered < MIN_BASELINE_MINUTES) return null;
  const m = median(blocks);
  const cap = m + 3 * Math.sqrt(m) + 1;
  const sum = blocks.reduce((acc, b) => acc + Math.min(b, cap), 0);
  // Half a mention of smoothing: a topic that was silent still has a small, non-zero expectation.
  return { rate: (sum + 0.5) / covered, basisMinutes: covered, source: 'trailing' };
}

/** The rate at the same clock time on previous days; null with fewer than two such days. */
export function seasonalExpectation(series: MinuteSeries, measure: Measure, start: number, end: number): Expectation | null {
  const rates: number[] = [];
  let weekAgo: number | null = null;
  const span = (end - start) / MINUTE_MS + 2 * SEASONAL_MARGIN_MINUTES;
  for (let d = 1; d <= 7; d++) {
    const from = start - d * DAY_MS - SEASONAL_MARGIN_MINUTES * MINUTE_MS;
    const to = end - d * DAY_MS + SEASONAL_MARGIN_MINUTES * MINUTE_MS;
    if (from < series.historyStart || from < series.start) continue;
    const rate = series.sum(measure, from, to) / span;
    rates.push(rate);
    if (d === 7) weekAgo = rate;
  }
  if (rates.length < 2) return null;
  const typical = median(rates);
  return { rate: weekAgo === null ? typical : (typical + weekAgo) / 2, basisMinutes: span * rates.length, source: 'seasonal' };
}

/** The expectation a rule uses: the larger of trailing and seasonal (the more cautious). */
export function expectation(params: RateParams, series: MinuteSeries, measure: Measure, start: number, end: number): Expectation | null {
  const trailing = trailingExpectation(series, measure, start, params.baselineMinutes);
  const seasonal = params.seasonal ? seasonalExpectation(series, measure, start, end) : null;
  if (trailing && seasonal) return seasonal.rate > trailing.rate ? seasonal : trailing;
  return trailing ?? seasonal;
}

export interface Band {
  expected: number;
  low: number;
  high: number;
  sd: number;
}

/** Poisson band with the baseline's uncertainty and overdispersion (see the file comment). */
export function band(rate: number, windowMinutes: number, basisMinutes: number, sensitivity: number): Band {
  const expected = rate * windowMinutes;
  const variance = expected + (expected * windowMinutes) / Math.max(1, basisMinutes) + (OVERDISPERSION * expected) ** 2;
  const sd = Math.sqrt(Math.max(variance, 1e-9));
  return { expected, sd, low: Math.max(0, expected - sensitivity * sd), high: expected + sensitivity * sd };
}

/** The verdict of one window. */
export function rateVerdict(params: RateParams, series: MinuteSeries, measure: Measure, now: number, windowMinutes: number): RateVerdict {
  const start = windowStart(now, windowMinutes);
  const end = floorToMinute(now) + MINUTE_MS;
  const observed = series.sum(measure, start, end);
  const basis = expectation(params, series, measure, start, end);
  if (!basis) {
    return {
      windowMinutes,
      windowStart: start,
      observed,
      expected: null,
      bandLow: null,
      bandHigh: null,
      score: 0,
      fired: false,
      critical: false,
      basis: 'none',
    };
  }
  const eff = effectiveMinutes(now, windowMinutes);
  const b = band(basis.rate, eff, basis.basisMinutes, params.sensitivity);
  // A long window still holds a burst that has ended; it fires only while the latest 5 minutes
  // still run at 1.5× the expected rate, so an alert resolves when the surge does.
  const lastMinutes = RATE_WINDOWS_MINUTES[0];
  const sustained =
    windowMinutes <= lastMinutes ||
    series.sum(measure, end - lastMinutes * MINUTE_MS, end) >= SUSTAINED_RATIO * basis.rate * effectiveMinutes(now, lastMinutes);
  const fired = sustained && observed > b.high && observed >= params.minCount && observed >= params.minRatio * b.expected;
  const critical = fired && params.criticalRatio !== null && observed >= params.criticalRatio * b.expected && observed >= 2 * params.minCount;
  return {
    windowMinutes,
    windowStart: start,
    observed,
    expected: b.expected,
    bandLow: b.low,
    bandHigh: b.high,
    score: (observed - b.expected) / b.sd,
    fired,
    critical,
    basis: basis.source,
  };
}

/** All windows' verdicts; the strongest fired one first (else the one closest to firing). */
export function rateVerdicts(params: RateParams, series: MinuteSeries, measure: Measure, now: number): RateVerdict[] {
  return RATE_WINDOWS_MINUTES.map((w) => rateVerdict(params, series, measure, now, w)).sort(
    (a, b) => Number(b.fired) - Number(a.fired) || Number(b.critical) - Number(a.critical) || b.score - a.score,
  );
}

export interface ShareVerdict {
  windowMinutes: number;
  windowStart: number;
  negative: number;
  total: number;
  share: number;
  /** The negative share of the trailing baseline; null without one. */
  baselineShare: number | null;
  fired: boolean;
}

/** How far the share must rise above the baseline's share. */
export const SHARE_MARGIN = 0.2;

/** The share test of a negative surge over the shortest window (works before any history exists). */
export function shareVerdict(
  minShare: number,
  minCount: number,
  baselineMinutes: number,
  series: MinuteSeries,
  now: number,
  windowMinutes = RATE_WINDOWS_MINUTES[0],
): ShareVerdict {
  const start = windowStart(now, windowMinutes);
  const end = floorToMinute(now) + MINUTE_MS;
  const negative = series.sum('negative', start, end);
  const total = series.sum('total', start, end);
  const share = total === 0 ? 0 : negative / total;
  const baseFrom = Math.max(start - baselineMinutes * MINUTE_MS, series.historyStart, series.start);
  const baseTotal = baseFrom < start ? series.sum('total', baseFrom, start) : 0;
  const baselineShare = (start - baseFrom) / MINUTE_MS >= MIN_BASELINE_MINUTES && baseTotal >= 20 ? series.sum('negative', baseFrom, start) / baseTotal : null;
  const fired = negative >= minCount && share >= minShare && (baselineShare === null || share >= baselineShare + SHARE_MARGIN);
  return { windowMinutes, windowStart: start, negative, total, share, baselineShare, fired };
}
