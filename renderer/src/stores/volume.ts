import { create } from 'zustand';
import type { MinuteBucket } from '../../../shared/domain/volume';
import { floorToMinute } from '../../../shared/logic/time';
import { fillMinuteWindow, mergeBuckets } from '../../../shared/logic/volume';

/** The wall's volume window: the last hour, minute by minute. */
export const VOLUME_WINDOW_MINUTES = 60;

export interface VolumeState {
  /** Exactly VOLUME_WINDOW_MINUTES buckets once synced, oldest first, gaps as zeros. */
  buckets: MinuteBucket[];
}

const initial: VolumeState = { buckets: [] };

export const useVolumeStore = create<VolumeState>()(() => initial);

export const volumeActions = {
  /** A snapshot is newer than any delta that arrived before its answer, so it wins per minute. */
  snapshot(buckets: readonly MinuteBucket[], now: number): void {
    useVolumeStore.setState((s) => ({ buckets: mergeBuckets(s.buckets, buckets, now, VOLUME_WINDOW_MINUTES) }));
  },
  delta(buckets: readonly MinuteBucket[], now: number): void {
    useVolumeStore.setState((s) => ({ buckets: mergeBuckets(s.buckets, buckets, now, VOLUME_WINDOW_MINUTES) }));
  },
  /** Moves the window to `now` so a quiet minute shows as zero; no-op within the same minute. */
  advance(now: number): void {
    const { buckets } = useVolumeStore.getState();
    const last = buckets[buckets.length - 1];
    if (last && last.minute === floorToMinute(now)) return;
    useVolumeStore.setState({ buckets: fillMinuteWindow(buckets, now, VOLUME_WINDOW_MINUTES) });
  },
  reset(): void {
    useVolumeStore.setState(initial, true);
  },
};
