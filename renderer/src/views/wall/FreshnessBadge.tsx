import { widgetFreshness } from '@shared/logic/walls/widget-freshness';
import { useTimeContext } from '../../replay/time-context';
import { useClockStore } from '../../stores/clock';
import { isLive, useConnectionStore } from '../../stores/connection';

/** The corner note on every widget: "live", "12 s old", "STALE · 6 min old", "waiting for data". */
export function FreshnessBadge({ updatedAt, error }: { updatedAt: number | null; error?: string | null }) {
  const live = useConnectionStore(isLive);
  const now = useClockStore((s) => s.now);
  const f = widgetFreshness(live && !error, updatedAt, now);
  const replaying = useTimeContext((s) => s.mode === 'replay');
  if (replaying) {
    // In replay the data is of a moment, not of now: say which moment it was loaded for.
    const state = error ? 'error' : updatedAt === null ? 'waiting' : 'replay';
    return (
      <span
        className={`wall-fresh wall-fresh--${state === 'replay' ? 'live' : 'stale'}`}
        data-testid="widget-freshness"
        data-state={state}
        data-updated-at={updatedAt ?? ''}
        title={error ?? undefined}
      >
        {error ? `error: ${error}` : updatedAt === null ? 'loading replay…' : '⟲ replay'}
      </span>
    );
  }
  return (
    <span
      className={`wall-fresh wall-fresh--${f.state}`}
      data-testid="widget-freshness"
      data-state={f.state}
      data-updated-at={updatedAt ?? ''}
      title={error ?? undefined}
    >
      {f.state === 'live' ? '● ' : f.state === 'stale' ? '◔ ' : ''}
      {error ? `error: ${error}` : f.label}
    </span>
  );
}
