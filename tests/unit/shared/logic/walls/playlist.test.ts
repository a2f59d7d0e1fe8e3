import { describe, expect, it } from 'vitest';
import { playlistSchema } from '@shared/contract/wall-schema';
import { advancePlaylist, isItemActive, nextItemIndex, playlistItemEndsAt } from '@shared/logic/walls/playlist';

const minuteOfDayUtc = (t: number): number => Math.floor((t % 86_400_000) / 60_000);
const at = (hh: number, mm = 0, ss = 0): number => Date.UTC(2026, 10, 23, hh, mm, ss);

const rotation = playlistSchema.parse({
  id: 'lobby',
  name: 'Lobby',
  items: [
    { layoutId: 'overview', seconds: 30 },
    { layoutId: 'share-of-voice', seconds: 10 },
    { layoutId: 'care', seconds: 20 },
  ],
});

const shifts = playlistSchema.parse({
  id: 'shifts',
  name: 'Shifts',
  items: [
    { layoutId: 'overview', seconds: 60, from: '07:00', to: '19:00' },
    { layoutId: 'care', seconds: 60, from: '07:00', to: '19:00' },
    { layoutId: 'crisis', seconds: 60, from: '19:00', to: '07:00' },
  ],
});

describe('playlists', () => {
  it('shows each item for its own duration, in order, and loops', () => {
    let state = advancePlaylist(rotation, null, at(10), minuteOfDayUtc);
    expect(state).toEqual({ index: 0, startedAt: at(10) });
    expect(advancePlaylist(rotation, state, at(10, 0, 29), minuteOfDayUtc).index).toBe(0);
    state = advancePlaylist(rotation, state, at(10, 0, 30), minuteOfDayUtc);
    expect(state).toEqual({ index: 1, startedAt: at(10, 0, 30) });
    expect(playlistItemEndsAt(rotation, state)).toBe(at(10, 0, 40));
    state = advancePlaylist(rotation, state, at(10, 0, 41), minuteOfDayUtc);
    expect(state).toEqual({ index: 2, startedAt: at(10, 0, 40) });
    state = advancePlaylist(rotation, state, at(10, 1, 0), minuteOfDayUtc);
    expect(state).toEqual({ index: 0, startedAt: at(10, 1, 0) });
  });

  it('catches up after a short stall without drifting', () => {
    const state = advancePlaylist(rotation, { index: 0, startedAt: at(10) }, at(10, 0, 45), minuteOfDayUtc);
    // 30 s overview, 10 s share of voice, then care from 40 s.
    expect(state).toEqual({ index: 2, startedAt: at(10, 0, 40) });
  });

  it('restarts cleanly from now after the machine slept for a long time', () => {
    const state = advancePlaylist(rotation, { index: 1, startedAt: at(10) }, at(14), minuteOfDayUtc);
    expect(state.startedAt).toBe(at(14));
    expect(state.index).toBe(2);
  });

  it('honours time-of-day windows, including one past midnight', () => {
    expect(isItemActive(shifts.items[2]!, 23 * 60)).toBe(true);
    expect(isItemActive(shifts.items[2]!, 3 * 60)).toBe(true);
    expect(isItemActive(shifts.items[2]!, 12 * 60)).toBe(false);
    expect(isItemActive({ from: '07:00', to: '19:00' }, 19 * 60)).toBe(false);
    expect(isItemActive({ from: null, to: null }, 0)).toBe(true);
    expect(nextItemIndex(shifts, null, 12 * 60)).toBe(0);
    expect(nextItemIndex(shifts, 1, 12 * 60)).toBe(0);
    expect(nextItemIndex(shifts, 0, 21 * 60)).toBe(2);
    expect(nextItemIndex(shifts, 2, 21 * 60)).toBe(2);
  });

  it('switches to the night shift when the day window closes, even mid-item', () => {
    const day = advancePlaylist(shifts, null, at(18, 59, 30), minuteOfDayUtc);
    expect(day.index).toBe(0);
    const night = advancePlaylist(shifts, day, at(19, 0, 5), minuteOfDayUtc);
    expect(night).toEqual({ index: 2, startedAt: at(19, 0, 5) });
  });

  it('falls back to the first item when nothing is scheduled', () => {
    const gap = playlistSchema.parse({
      id: 'g',
      name: 'G',
      items: [
        { layoutId: 'overview', seconds: 60, from: '09:00', to: '10:00' },
        { layoutId: 'care', seconds: 60, from: '11:00', to: '12:00' },
      ],
    });
    expect(nextItemIndex(gap, null, 15 * 60)).toBe(0);
    expect(nextItemIndex(gap, 0, 15 * 60)).toBe(0);
  });

  it('refuses half a time window', () => {
    const parsed = playlistSchema.safeParse({ id: 'p', name: 'P', items: [{ layoutId: 'overview', seconds: 60, from: '07:00' }] });
    expect(parsed.success).toBe(false);
  });
});
