import { formatCompact } from '../../../shared/logic/format';
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
}

const LEVEL_MARK: Record<BigNumberLevel, string> = { normal: '', warning: '▲ high', critical: '⚠ critical' };

/** One number read from the back of the room, its trend, and whether it crossed a threshold (in words, not only colour). */
export function BigNumber({ title, value, periodLabel, series, level, unit }: BigNumberOptions) {
  return (
    <Panel title={title} period={periodLabel} className={`bignum bignum--${level}`} testId="big-number" data={{ 'data-value': value ?? '', 'data-level': level }}>
      <div className="bignum__value">
        {value === null ? '—' : formatCompact(value)}
        {unit && <span className="bignum__unit"> {unit}</span>}
      </div>
      {level !== 'normal' && <div className="bignum__level">{LEVEL_MARK[level]}</div>}
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
