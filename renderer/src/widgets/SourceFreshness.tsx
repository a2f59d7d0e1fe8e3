import type { SourceHealth } from '@shared/domain/source';
import { sourceFreshness, type Freshness } from '@shared/logic/freshness';
import { freshnessText } from '@shared/logic/freshness-text';
import { lagText, rateText } from '@shared/logic/source-health-text';
import './SourceFreshness.css';

export interface SourceFreshnessOptions {
  sources: readonly SourceHealth[];
  /** Server time; freshness is recomputed from it on every tick. */
  now: number;
}

export const FRESHNESS_ICON: Record<Freshness, string> = {
  live: '●',
  stale: '◔',
  failing: '✖',
  paused: '❚❚',
  finished: '■',
  starting: '○',
};

/** One chip per source saying whether its data can be trusted right now. */
export function SourceFreshness({ sources, now }: SourceFreshnessOptions) {
  return (
    <section className="freshness" data-testid="source-freshness" aria-label="Sources">
      <span className="freshness__label">Sources</span>
      {sources.length === 0 && <span className="freshness__none">none reported yet</span>}
      <ul className="freshness__list">
        {sources.map((s) => {
          const f = sourceFreshness(s, now);
          return (
            <li key={s.id} className={`freshness__item freshness__item--${f}`} data-testid="source-item" data-source-id={s.id} data-freshness={f}>
              <span className="freshness__icon" aria-hidden="true">
                {FRESHNESS_ICON[f]}
              </span>
              <span className="freshness__name">{s.name}</span>
              <span className="freshness__state">{freshnessText(s, f, now)}</span>
              {f !== 'paused' && f !== 'finished' && (
                <span
                  className="freshness__figures"
                  data-testid="source-figures"
                  data-items-per-minute={s.itemsPerMinute}
                  data-rate-limited={s.rateLimitedUntil !== null && s.rateLimitedUntil > now}
                >
                  {[rateText(s.itemsPerMinute), lagText(s, now)].filter(Boolean).join(' · ')}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
