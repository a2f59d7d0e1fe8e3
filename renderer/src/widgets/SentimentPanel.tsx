import type { SentimentSplit as Split } from '@shared/logic/volume';
import { Panel } from './Panel';
import { SentimentGauge } from './SentimentGauge';
import { SentimentSplit } from './SentimentSplit';
import './SentimentPanel.css';

export interface SentimentPanelOptions {
  split: Split;
  periodLabel: string;
}

/** Net sentiment and the split it comes from, side by side over the same period. */
export function SentimentPanel({ split, periodLabel }: SentimentPanelOptions) {
  return (
    <Panel title="Net sentiment" period={periodLabel} className="sentiment">
      <div className="sentiment__body">
        <SentimentGauge net={split.net} />
        <SentimentSplit split={split} />
      </div>
    </Panel>
  );
}
