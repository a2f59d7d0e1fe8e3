/**
 * Walls as they were at a moment: the operator's override of a display folded from the recorded
 * commands (the same rule the live core applies), and wall commands as timeline markers. Works on
 * any workspace, read-only ones included (a bundle carries each display's commands since its last
 * resume before its period, so what a wall showed entering the period is known).
 */
import type { DisplayOverride } from '@shared/contract/wall-schema';
import type { TimelineMarker, WallEventRecord } from '@shared/domain/review';
import { builtinLayout } from '@shared/logic/walls/builtin-layouts';
import { overrideAt } from '@shared/logic/walls/override-at';
import { wallMarkers } from '@shared/logic/walls/wall-markers';
import type { Store } from '../store/store';

/** How many of a display's latest events `review.wallOverride` returns beside the override. */
export const RECENT_WALL_EVENTS = 5;

/** `review.wallOverride`: the display's override at `at` and its last few events by then (newest first). */
export function wallOverrideAt(store: Store, at: number, displayId: string): { override: DisplayOverride; events: WallEventRecord[] } {
  return {
    override: overrideAt(store.record.displayWallEventsUpTo(displayId, at)),
    events: store.record.displayWallEventsLast(displayId, at, RECENT_WALL_EVENTS),
  };
}

/** The wall commands recorded in [from, to], one marker per command (across its displays). */
export function wallMarkersIn(store: Store, from: number, to: number): TimelineMarker[] {
  const layoutName = (id: string) => builtinLayout(id)?.doc.name ?? store.walls.layout(id)?.doc.name ?? id;
  return wallMarkers(store.record.wallEvents(from, to), layoutName);
}
