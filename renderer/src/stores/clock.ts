import { create } from 'zustand';

/**
 * Server time, ticking once a second. One timer for the whole window, so every relative time
 * and freshness state on screen moves together.
 */
export interface ClockState {
  now: number;
}

export const useClockStore = create<ClockState>()(() => ({ now: Date.now() }));

export const clockActions = {
  set(now: number): void {
    useClockStore.setState({ now });
  },
};
