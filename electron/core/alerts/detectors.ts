/**
 * Interim detectors, pure functions of minute buckets and time, so they are easy to test. The
 * alerts issue replaces them with tunable, seasonal rules; these keep the wall honest meanwhile:
 * a burst of complaints or an influencer's complaint must show, and a calm stream must not.
 */
import type { AlertKind, AlertSeverity } from '../../../shared/domain/alert';
import type { Mention } from '../../../shared/domain/mention';
import type { MinuteBucket } from '../../../shared/domain/volume';
import { floorToMinute, MINUTE_MS } from '../../../shared/logic/time';

export interface Firing {
  kind: AlertKind;
  severity: AlertSeverity;
  dedupeKey: string;
  title: string;
  detail: string;
  evidence: number[];
}

export interface SurgeSettings {
  /** Minutes compared against the baseline, the current (partial) minute included. */
  recentMinutes: number;
  /** Minutes before the recent window that form the baseline. */
  baselineMinutes: number;
  /** Baseline minutes with data needed before the ratio test is trusted. */
  minBaselineMinutes: number;
  /** Recent count must reach this many times the baseline's rate. */
  ratio: number;
  /** Never alert on fewer mentions than this, however quiet the baseline. */
  minCount: number;
  /** Without a baseline, the negative share that counts as a surge on its own. */
  negativeShare: number;
}

export const DEFAULT_SURGE: SurgeSettings = {
  recentMinutes: 5,
  baselineMinutes: 60,
  minBaselineMinutes: 15,
  ratio: 3,
  minCount: 15,
  negativeShare: 0.6,
};

interface WindowCounts {
  recentNegative: number;
  recentTotal: number;
  baselineNegativePerWindow: number;
  baselineTotalPerWindow: number;
  baselineMinutesWithData: number;
}

function windowCounts(buckets: readonly MinuteBucket[], now: number, s: SurgeSettings): WindowCounts {
  const current = floorToMinute(now);
  const recentStart = current - (s.recentMinutes - 1) * MINUTE_MS;
  const baselineStart = recentStart - s.baselineMinutes * MINUTE_MS;
  let recentNegative = 0;
  let recentTotal = 0;
  let baselineNegative = 0;
  let baselineTotal = 0;
  let baselineMinutesWithData = 0;
  for (const b of buckets) {
    if (b.minute >= recentStart && b.minute <= current) {
      recentNegative += b.negative;
      recentTotal += b.total;
    } else if (b.minute >= baselineStart && b.minute < recentStart) {
      baselineNegative += b.negative;
      baselineTotal += b.total;
      if (b.total > 0) baselineMinutesWithData++;
    }
  }
  const perWindow = s.recentMinutes / s.baselineMinutes;
  return {
    recentNegative,
    recentTotal,
    baselineNegativePerWindow: baselineNegative * perWindow,
    baselineTotalPerWindow: baselineTotal * perWindow,
    baselineMinutesWithData,
  };
}

export function detectNegativeSurge(buckets: readonly MinuteBucket[], now: number, s: SurgeSettings = DEFAULT_SURGE): Firing | null {
  const c = windowCounts(buckets, now, s);
  if (c.recentNegative < s.minCount) return null;
  const share = c.recentTotal === 0 ? 0 : c.recentNegative / c.recentTotal;
  const hasBaseline = c.baselineMinutesWithData >= s.minBaselineMinutes;
  const expected = Math.max(1, c.baselineNegativePerWindow);
  const byRatio = hasBaseline && c.recentNegative >= s.ratio * expected;
  const byShare = share >= s.negativeShare;
  if (!byRatio && !byShare) return null;
  const observed = `${c.recentNegative} negative mentions in the last ${s.recentMinutes} min (${Math.round(share * 100)}% of ${c.recentTotal})`;
  const against = hasBaseline
    ? `expected about ${Math.round(c.baselineNegativePerWindow)} from the previous ${s.baselineMinutes} min`
    : `no baseline yet; over ${Math.round(s.negativeShare * 100)}% negative`;
  return {
    kind: 'negative-surge',
    severity: c.recentNegative >= 2 * s.ratio * expected ? 'critical' : 'warning',
    dedupeKey: 'negative-surge:all',
    title: 'Negative surge',
    detail: `${observed}; ${against}.`,
    evidence: [],
  };
}

export function detectVolumeSpike(buckets: readonly MinuteBucket[], now: number, s: SurgeSettings = DEFAULT_SURGE): Firing | null {
  const c = windowCounts(buckets, now, s);
  if (c.baselineMinutesWithData < s.minBaselineMinutes) return null;
  const minimum = Math.max(s.minCount * 2, s.ratio * c.baselineTotalPerWindow);
  if (c.recentTotal < minimum) return null;
  return {
    kind: 'volume-spike',
    severity: 'warning',
    dedupeKey: 'volume-spike:all',
    title: 'Volume spike',
    detail: `${c.recentTotal} mentions in the last ${s.recentMinutes} min; expected about ${Math.round(c.baselineTotalPerWindow)} from the previous ${s.baselineMinutes} min.`,
    evidence: [],
  };
}

/** Followers from which a negative post is an influencer complaint, and from which it is critical. */
export const INFLUENCER_FOLLOWERS = 100_000;
export const CRITICAL_FOLLOWERS = 1_000_000;

export function detectInfluencerComplaints(mentions: readonly Mention[]): Firing[] {
  const firings: Firing[] = [];
  for (const m of mentions) {
    const followers = m.authorFollowers ?? 0;
    if (m.sentiment !== 'negative' || followers < INFLUENCER_FOLLOWERS) continue;
    firings.push({
      kind: 'influencer-complaint',
      severity: followers >= CRITICAL_FOLLOWERS ? 'critical' : 'warning',
      dedupeKey: `influencer:${m.platform}:${m.authorHandle}`,
      title: `Influencer complaint: @${m.authorHandle}`,
      detail: `@${m.authorHandle} (${formatFollowers(followers)} followers on ${m.platform}) posted a negative mention: "${quote(m.text, 140)}"`,
      evidence: [m.id],
    });
  }
  return firings;
}

export function formatFollowers(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000) return `${Math.round(n / 1_000)}k`;
  return String(n);
}

/** A post shortened for an alert line: cut at a word boundary and marked as cut. */
export function quote(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
