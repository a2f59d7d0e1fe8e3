/**
 * The crisis band's headline: what the alert measured, in one plain line a room reads from 4 m —
 * "Negative mentions 5× normal: 1,057 in 5 min". Built from the alert's explanation (observed,
 * expected, window), so it moves on with the alert as the condition grows.
 */
import type { Alert } from '../../domain/alert';

const COUNT_MEASURE = /^(.*?) in the last (\d+) min$/;
const SHARE_MEASURE = /^(.*?) share of (.*?) in the last (\d+) min \(%\)$/;

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 5.04 → "5×", 2.46 → "2.5×", 12.7 → "13×": a ratio people say out loud. */
export function formatRatio(ratio: number): string {
  const r = ratio >= 10 ? Math.round(ratio) : Math.round(ratio * 10) / 10;
  return `${Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)}×`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function crisisHeadline(alert: Pick<Alert, 'title' | 'explanation'>): string {
  const x = alert.explanation;
  if (!x) return alert.title;
  const share = SHARE_MEASURE.exec(x.measure);
  if (share) {
    const [, what, of, minutes] = share;
    const usual = x.expected === null ? 'no usual level yet' : `usually ${Math.round(x.expected)}%`;
    return `${capitalise(what!)} ${x.observed}% of ${of} in ${minutes} min (${usual})`;
  }
  const count = COUNT_MEASURE.exec(x.measure);
  if (count) {
    const [, what, minutes] = count;
    const figure = `${formatCount(x.observed)} in ${minutes} min`;
    // Below 1.5× "normal" says nothing a room can act on; the count alone is clearer.
    if (x.expected !== null && x.expected > 0 && x.observed / x.expected >= 1.5)
      return `${capitalise(what!)} ${formatRatio(x.observed / x.expected)} normal: ${figure}`;
    return `${capitalise(what!)}: ${figure}`;
  }
  return alert.title;
}
