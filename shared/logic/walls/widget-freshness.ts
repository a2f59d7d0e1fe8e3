/** What each wall widget says about how current it is: "live", "12 s old", "STALE · 6 min old". */
import { formatDuration } from '../format';

export type WidgetFreshnessState = 'waiting' | 'live' | 'old' | 'stale';

export interface WidgetFreshness {
  state: WidgetFreshnessState;
  label: string;
}

/** Past this age a widget's numbers are stamped stale, not merely old. */
export const WIDGET_STALE_AFTER_MS = 2 * 60 * 1000;

/**
 * `live` is the window's connection being open and synced; `updatedAt` is when this widget's data
 * was last current. A widget never says "live" while its window is not: then it says how old.
 */
export function widgetFreshness(live: boolean, updatedAt: number | null, now: number, staleAfterMs = WIDGET_STALE_AFTER_MS): WidgetFreshness {
  if (updatedAt === null) return { state: 'waiting', label: 'waiting for data' };
  if (live) return { state: 'live', label: 'live' };
  const age = Math.max(0, now - updatedAt);
  if (age >= staleAfterMs) return { state: 'stale', label: `STALE · ${formatDuration(age)} old` };
  return { state: 'old', label: `${formatDuration(age)} old` };
}
