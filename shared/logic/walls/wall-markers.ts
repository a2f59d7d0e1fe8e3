/**
 * Wall commands as scrubber markers. One command to several displays is recorded once per display
 * at the same moment: it is one thing the control room did, so it is one marker.
 */
import type { DisplayCommand } from '../../contract/wall-schema';
import type { TimelineMarker } from '../../domain/review';
import { recordedCommand } from './override-at';

/** Display ids named in a label before "+N more". */
const NAMED_DISPLAYS = 3;
const MAX_LABEL = 120;

export interface RecordedWallEvent {
  id: number;
  at: number;
  displayId: string | null;
  detail: string;
}

/** Markers for wall events (oldest first), grouped by moment and command. */
export function wallMarkers(events: readonly RecordedWallEvent[], layoutName: (id: string) => string): TimelineMarker[] {
  const groups = new Map<string, { first: RecordedWallEvent; command: DisplayCommand; displays: string[] }>();
  for (const event of events) {
    const command = recordedCommand(event);
    if (!command) continue;
    const key = `${event.at}\n${JSON.stringify(command)}`;
    const group = groups.get(key);
    if (group) {
      if (event.displayId !== null && !group.displays.includes(event.displayId)) group.displays.push(event.displayId);
    } else {
      groups.set(key, { first: event, command, displays: event.displayId === null ? [] : [event.displayId] });
    }
  }
  return [...groups.values()].map(({ first, command, displays }) => ({
    at: first.at,
    kind: 'wall' as const,
    id: first.id,
    label: wallCommandLabel(command, displays, layoutName),
    severity: null,
  }));
}

/** "Walls: Crisis layout pushed to lobby-tv, main". */
export function wallCommandLabel(command: DisplayCommand, displays: readonly string[], layoutName: (id: string) => string): string {
  const who =
    displays.length === 0
      ? 'all displays'
      : displays.length <= NAMED_DISPLAYS
        ? displays.join(', ')
        : `${displays.slice(0, NAMED_DISPLAYS).join(', ')} +${displays.length - NAMED_DISPLAYS} more`;
  const what = ((): string => {
    switch (command.kind) {
      case 'push-layout':
        return `${layoutName(command.layoutId)} layout pushed to ${who}`;
      case 'resume':
        return `${who} resumed their own pages`;
      case 'pause':
        return `${who} paused`;
      case 'unpause':
        return `${who} unpaused`;
      case 'blank':
        return `${who} blanked`;
      case 'unblank':
        return `${who} unblanked`;
    }
  })();
  const label = `Walls: ${what}`;
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}
