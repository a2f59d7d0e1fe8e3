import { widgetFreshness } from '../../../../shared/logic/walls/widget-freshness';
import { useClockStore } from '../../stores/clock';
import { isLive, useConnectionStore } from '../../stores/connection';

/** The corner note on every widget: "live", "12 s old", "STALE · 6 min old", "waiting for data". */
export function FreshnessBadge({ updatedAt, error }: { updatedAt: number | null; error?: string | null }) {
  const live = useConnectionStore(isLive);
  const now = useClockStore((s) => s.now);
  const f = widgetFreshness(live && !error, updatedAt, now);
  return (
    <span className={`wall-fresh wall-fresh--${f.state}`} data-testid="widget-freshness" data-state={f.state} title={error ?? undefined}>
      {f.state === 'live' ? '● ' : f.state === 'stale' ? '◔ ' : ''}
      {error ? `error: ${error}` : f.label}
    </span>
  );
}
