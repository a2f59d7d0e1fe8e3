import { formatNet } from '@shared/logic/format';
import type { SentimentSplit as Split } from '@shared/logic/volume';
import { Panel } from './Panel';
import { SentimentGauge } from './SentimentGauge';
import { SentimentSplit } from './SentimentSplit';
import { Sparkline } from './Sparkline';
import './NetSentimentTrend.css';

export interface NetSentimentTrendOptions {
  split: Split;
  /** Net sentiment of the previous period of the same length, for the trend. */
  previousNet: number | null;
  /** Net per step (e.g. per 5 minutes), oldest first; null steps had nothing opinionated. */
  trend: ReadonlyArray<number | null>;
  periodLabel: string;
  title?: string;
}

/** Net sentiment, its split, and which way it is moving (an arrow and a signed number, not a colour). */
export function NetSentimentTrend({ split, previousNet, trend, periodLabel, title = 'Net sentiment' }: NetSentimentTrendOptions) {
  const change = split.net !== null && previousNet !== null ? split.net - previousNet : null;
  const arrow = change === null ? '' : change > 2 ? '▲' : change < -2 ? '▼' : '▶';
  return (
    <Panel title={title} period={periodLabel} className="nst" testId="net-sentiment" data={{ 'data-value': split.net ?? '' }}>
      <div className="nst__body">
        <SentimentGauge net={split.net} />
        <SentimentSplit split={split} />
      </div>
      <div className="nst__trend" data-testid="net-sentiment-trend">
        <span className="nst__change">{change === null ? 'no earlier period to compare' : `${arrow} ${formatNet(change)} vs previous period`}</span>
        <Sparkline className="nst__spark" values={trend.map((v) => v ?? 0)} label="net sentiment trend" />
      </div>
    </Panel>
  );
}
