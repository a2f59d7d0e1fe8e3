/**
 * The emotion line of an alert's explanation: which emotions are running above their usual rate
 * in the alert's window ("anger up 4.0× (32 in 15 min vs 8 expected)"), measured on the per-minute
 * emotion counts of the alert's topic (or of all mentions) against the BASELINE_MINUTES before it.
 */
import { ALL_MENTIONS_TOPIC, EMOTIONS } from '@shared/domain/emotion';
import type { Store } from '../store/store';

export const BASELINE_MINUTES = 6 * 60;
/** An emotion is named only from this many mentions in the window, and this many times its usual rate. */
const MIN_OBSERVED = 5;
const MIN_RATIO = 2;

export function emotionShifts(store: Store, topicId: number | null, from: number, to: number): string[] {
  const topic = topicId ?? ALL_MENTIONS_TOPIC;
  const windowMinutes = Math.max(1, Math.round((to - from) / 60_000));
  const now = store.emotions.totals(topic, from, to);
  const before = store.emotions.totals(topic, from - BASELINE_MINUTES * 60_000, from - 1);
  const lines: Array<{ ratio: number; text: string }> = [];
  for (const emotion of EMOTIONS) {
    const observed = now[emotion];
    // Half a mention over the baseline keeps a never-seen emotion from dividing by zero.
    const expected = (Math.max(before[emotion], 0.5) * windowMinutes) / BASELINE_MINUTES;
    const ratio = observed / expected;
    if (observed < MIN_OBSERVED || ratio < MIN_RATIO) continue;
    const shown = ratio >= 10 ? Math.round(ratio).toString() : ratio.toFixed(1);
    lines.push({
      ratio,
      text: `${emotion} up ${shown}× (${observed} in ${windowMinutes} min vs ${expected < 1 ? expected.toFixed(1) : Math.round(expected)} expected)`,
    });
  }
  return lines.sort((a, b) => b.ratio - a.ratio).map((l) => l.text);
}
