import { formatCompact } from '@shared/logic/format';
import { formatChange } from '@shared/logic/walls/change';
import { Panel } from './Panel';
import { Sparkline } from './Sparkline';
import './BigNumber.css';

export type BigNumberLevel = 'normal' | 'warning' | 'critical';

export interface BigNumberOptions {
  title: string;
  value: number | null;
  periodLabel: string;
  /** One value per minute (or step), oldest first, for the sparkline. */
  series: readonly number[];
  level: BigNumberLevel;
  unit?: string;
  /** The same measure over the same window earlier ("yesterday", "last week"); shown as changes. */
  earlier?: ReadonlyArray<{ label: string; value: number }>;
}

const LEVEL_MARK: Record<BigNumberLevel, string> = { normal: '', warning: '▲ high', critical: '⚠ critical' };

/** One number read from the back of the room, its trend, and whether it crossed a threshold (in words, not only colour). */
export function BigNumber({ title, value, periodLabel, series, level, unit, earlier = [] }: BigNumberOptions) {
  return (
    <Panel
      title={title}
      period={periodLabel}
      className={`bignum bignum--${level}`}
      testId="big-number"
      data={{ 'data-value': value ?? '', 'data-level': level }}
    >
      <div className="bignum__row">
        <div className="bignum__value">
          {value === null ? '—' : formatCompact(value)}
          {unit && <span className="bignum__unit"> {unit}</span>}
        </div>
        {level !== 'normal' && <div className="bignum__level">{LEVEL_MARK[level]}</div>}
      </div>
      {value !== null && earlier.length > 0 && (
        <div className="bignum__earlier" data-testid="big-number-earlier">
          {earlier.map((e) => (
            <span key={e.label} className="bignum__change" data-label={e.label} data-value={e.value}>
              {formatChange(value, e.value)} vs {e.label}
            </span>
          ))}
        </div>
      )}
      <Sparkline className="bignum__spark" values={series} label={`${title}, ${periodLabel}`} />
    </Panel>
  );
}

/** The level a value reaches given optional thresholds. */
export function bigNumberLevel(value: number | null, warnAt: number | null, criticalAt: number | null): BigNumberLevel {
  if (value === null) return 'normal';
  if (criticalAt !== null && value >= criticalAt) return 'critical';
  if (warnAt !== null && value >= warnAt) return 'warning';
  return 'normal';
}
