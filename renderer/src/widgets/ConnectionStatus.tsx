import type { PipeState } from '@shared/contract/frames';
import { formatDuration } from '@shared/logic/format';
import './ConnectionStatus.css';

export interface ConnectionStatusOptions {
  pipe: PipeState;
  /** Fresh snapshots applied since the pipe opened. */
  synced: boolean;
  /** How old the shown data is, or null when nothing was ever received. */
  dataAgeMs: number | null;
  /** Why fetching the snapshots failed, if it did. */
  syncError: string | null;
}

/**
 * A small LIVE mark while everything is current, and a banner no one can miss when it is not:
 * a wall must never look live when it is not.
 */
export function ConnectionStatus({ pipe, synced, dataAgeMs, syncError }: ConnectionStatusOptions) {
  const live = pipe === 'open' && synced;
  return (
    <div
      className={`conn conn--${live ? 'live' : 'down'}`}
      data-testid="connection-status"
      data-state={pipe}
      data-live={String(live)}
      role="status"
      aria-live="polite"
    >
      {live ? (
        <span className="conn__live">
          <span className="conn__dot" aria-hidden="true">
            ●
          </span>{' '}
          LIVE
        </span>
      ) : (
        <div className="conn__banner">
          <div className="conn__headline">
            <span className="conn__icon" aria-hidden="true">
              ⟳
            </span>
            {headline(pipe, dataAgeMs)}
          </div>
          {syncError && <div className="conn__detail">{syncError}</div>}
        </div>
      )}
    </div>
  );
}

function headline(pipe: PipeState, dataAgeMs: number | null): string {
  const age = dataAgeMs === null ? null : `data is ${formatDuration(dataAgeMs)} old`;
  if (pipe === 'open') return age ? `Catching up… ${age}` : 'Loading data…';
  if (age === null) return 'Connecting to the Earshot core…';
  return `Reconnecting… ${age}`;
}
