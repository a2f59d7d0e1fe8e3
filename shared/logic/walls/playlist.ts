/**
 * Playlists: which page a display shows now, given each item's duration and optional
 * time-of-day window. Pure, so the wall, the control view and the tests agree.
 */
import type { Playlist, PlaylistItem } from '../../contract/wall-schema';

const DAY_MINUTES = 24 * 60;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Minutes since local midnight of a date, in the display's own time zone. */
export function minuteOfDay(date: Date): number {
  return date.getHours() * 60 + date.getMinutes();
}

/** Whether an item may show at this minute of the day. A window may run past midnight (22:00–06:00). */
export function isItemActive(item: Pick<PlaylistItem, 'from' | 'to'>, minute: number): boolean {
  if (item.from === null || item.to === null) return true;
  const from = minutesOf(item.from);
  const to = minutesOf(item.to);
  const m = ((minute % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  if (from === to) return true;
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/**
 * The next item to show after `current` (null: start), skipping items outside their window.
 * When no item is in its window, the first item shows: a wall is never left empty by a schedule.
 */
export function nextItemIndex(playlist: Pick<Playlist, 'items'>, current: number | null, minute: number): number {
  const count = playlist.items.length;
  const start = current === null ? 0 : current + 1;
  for (let step = 0; step < count; step++) {
    const index = (start + step) % count;
    const item = playlist.items[index];
    if (item && isItemActive(item, minute)) return index;
  }
  return 0;
}

export interface PlaylistState {
  index: number;
  /** When the current item went up (epoch ms). */
  startedAt: number;
}

/**
 * Moves the playlist on to `now`: past the current item's duration (or outside its window) the next
 * item shows. Several items may pass at once when the wall slept; a fresh state starts at `now`.
 */
export function advancePlaylist(playlist: Pick<Playlist, 'items'>, state: PlaylistState | null, now: number, minuteAt: (t: number) => number): PlaylistState {
  if (state === null || state.index >= playlist.items.length) return { index: nextItemIndex(playlist, null, minuteAt(now)), startedAt: now };
  let { index, startedAt } = state;
  // Bounded: a wall asleep for a week does not loop a million times.
  for (let guard = 0; guard < playlist.items.length * 4; guard++) {
    const item = playlist.items[index];
    if (!item) return { index: nextItemIndex(playlist, null, minuteAt(now)), startedAt: now };
    const endsAt = startedAt + item.seconds * 1000;
    const outOfWindow = !isItemActive(item, minuteAt(now)) && nextItemIndex(playlist, index, minuteAt(now)) !== index;
    if (now < endsAt && !outOfWindow) return { index, startedAt };
    const next = nextItemIndex(playlist, index, minuteAt(Math.min(now, endsAt)));
    if (outOfWindow || now - endsAt > item.seconds * 1000 * playlist.items.length) {
      // Long gap (sleep) or a schedule change: restart cleanly from now on the right item.
      return { index: nextItemIndex(playlist, index, minuteAt(now)), startedAt: now };
    }
    index = next;
    startedAt = endsAt;
  }
  return { index, startedAt: now };
}

/** When the current page ends, for the control view and the wall's timer. */
export function playlistItemEndsAt(playlist: Pick<Playlist, 'items'>, state: PlaylistState): number | null {
  const item = playlist.items[state.index];
  return item ? state.startedAt + item.seconds * 1000 : null;
}
