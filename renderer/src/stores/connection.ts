/**
 * Whether what the window shows is live. The pipe state alone is not enough: after a reconnect
 * the data is still old until fresh snapshots have been applied, and the wall must say so.
 */
import { create } from 'zustand';
import type { PipeState } from '@shared/contract/frames';

export interface ConnectionState {
  pipe: PipeState;
  /** Snapshots have been applied since the pipe last opened: deltas now keep the view current. */
  synced: boolean;
  /** Server time of the last snapshot or delta applied. */
  lastDataAt: number | null;
  /** Server time the live stream last stopped; the data was current up to then. */
  lostAt: number | null;
  /** Why the last snapshot fetch failed, in words; null once one succeeds. */
  syncError: string | null;
  serverVersion: string | null;
}

const initial: ConnectionState = { pipe: 'connecting', synced: false, lastDataAt: null, lostAt: null, syncError: null, serverVersion: null };

export const useConnectionStore = create<ConnectionState>()(() => initial);

export const connectionActions = {
  pipeChanged(pipe: PipeState, now: number): void {
    useConnectionStore.setState((s) => {
      if (s.pipe === pipe) return s;
      const wasLive = s.pipe === 'open' && s.synced;
      return { pipe, synced: pipe === 'open' ? s.synced : false, lostAt: wasLive && pipe !== 'open' ? now : s.lostAt };
    });
  },
  syncStarted(serverVersion: string): void {
    useConnectionStore.setState({ synced: false, serverVersion });
  },
  synced(now: number): void {
    useConnectionStore.setState({ synced: true, lastDataAt: now, syncError: null });
  },
  syncFailed(message: string): void {
    useConnectionStore.setState({ syncError: message });
  },
  dataArrived(now: number): void {
    useConnectionStore.setState({ lastDataAt: now });
  },
  reset(): void {
    useConnectionStore.setState(initial, true);
  },
};

/** The moment up to which the shown data is known to be current, for "data is N s old". */
export function dataCurrentAt(s: Pick<ConnectionState, 'lastDataAt' | 'lostAt'>): number | null {
  if (s.lastDataAt === null) return s.lostAt;
  if (s.lostAt === null) return s.lastDataAt;
  return Math.max(s.lastDataAt, s.lostAt);
}

export function isLive(s: Pick<ConnectionState, 'pipe' | 'synced'>): boolean {
  return s.pipe === 'open' && s.synced;
}
