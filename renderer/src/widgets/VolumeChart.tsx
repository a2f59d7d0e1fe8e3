import { Area, Bar, CartesianGrid, ComposedChart, Rectangle, ResponsiveContainer, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { MinuteBucket } from '@shared/domain/volume';
import type { ExpectedRange } from '@shared/logic/walls/expected-band';
import { MINUTE_MS } from '@shared/logic/time';
import { CHART_COLORS, SENTIMENT_COLORS } from '../lib/palette';
import { formatHM } from '../ui/time-format';
import { Panel } from './Panel';
import { SENTIMENT_GLYPH } from './SentimentMarker';
import './VolumeChart.css';

export interface VolumeChartOptions {
  /** One bucket per minute, oldest first, gaps already filled with zeros. */
  buckets: readonly MinuteBucket[];
  /** What the window covers, e.g. "last 60 min". */
  periodLabel: string;
  /** Root font size in px, so SVG ticks scale with the rem-based layout. */
  fontPx: number;
  /** Per bucket, the range the alert rules call normal (null: not enough history yet); drawn behind the bars. */
  expected?: ReadonlyArray<ExpectedRange | null>;
}

/** Minutes that get an axis label: every quarter hour reads well across a room. */
const LABEL_EVERY_MINUTES = 15;

/** Per-minute mentions, stacked negative (at the baseline, where a surge shows first), neutral, positive. */
export function VolumeChart({ buckets, periodLabel, fontPx, expected }: VolumeChartOptions) {
  const total = buckets.reduce((sum, b) => sum + b.total, 0);
  const ticks = buckets.map((b) => b.minute).filter((m) => (m / MINUTE_MS) % LABEL_EVERY_MINUTES === 0);
  const tickStyle = { fill: CHART_COLORS.axis, fontSize: Math.round(fontPx * 0.8) };
  // The last bucket is the minute still being counted: faded, so its short bar does not read as a drop.
  const lastIndex = buckets.length - 1;
  const shape = (props: BarShapeProps) => <Rectangle {...props} fillOpacity={props.index === lastIndex ? 0.5 : 1} />;
  const hasBand = expected !== undefined && expected.some((e) => e !== null);
  const rows = hasBand ? buckets.map((b, i) => ({ ...b, expected: expected[i] ? [expected[i].low, expected[i].high] : null })) : (buckets as MinuteBucket[]);

  return (
    <Panel
      title="Mentions per minute"
      period={periodLabel}
      className="volume"
      testId="volume-chart"
      data={{ 'data-total': total }}
      aside={
        <span className="volume__total">
          <span className="volume__total-number">{total.toLocaleString()}</span> total
        </span>
      }
    >
      <ul className="volume__legend" aria-label="Legend">
        <li className="volume__legend-item volume__legend-item--positive">{SENTIMENT_GLYPH.positive} Positive</li>
        <li className="volume__legend-item volume__legend-item--neutral">{SENTIMENT_GLYPH.neutral} Neutral</li>
        <li className="volume__legend-item volume__legend-item--negative">{SENTIMENT_GLYPH.negative} Negative (bottom)</li>
        {hasBand && (
          <li className="volume__legend-item volume__legend-item--expected" data-testid="volume-expected-legend">
            ▭ expected
          </li>
        )}
        <li className="volume__legend-item volume__legend-item--partial">faded: this minute</li>
      </ul>
      <div className="volume__plot">
        {buckets.length === 0 ? (
          <p className="volume__empty">Waiting for data…</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%" minHeight={1} minWidth={1}>
            <ComposedChart data={rows} barCategoryGap="12%" margin={{ top: fontPx * 0.4, right: fontPx * 1.6, bottom: 0, left: 0 }}>
              <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} strokeWidth={Math.max(1, fontPx / 20)} />
              <XAxis
                dataKey="minute"
                ticks={ticks}
                interval={0}
                tickFormatter={(m: number) => formatHM(m)}
                tick={tickStyle}
                tickLine={false}
                axisLine={{ stroke: CHART_COLORS.grid }}
                height={fontPx * 1.6}
              />
              <YAxis allowDecimals={false} tick={tickStyle} tickLine={false} axisLine={false} width={fontPx * 2.8} />
              <Bar dataKey="negative" stackId="v" fill={SENTIMENT_COLORS.negative} isAnimationActive={false} shape={shape} />
              <Bar dataKey="neutral" stackId="v" fill={SENTIMENT_COLORS.neutral} isAnimationActive={false} shape={shape} />
              <Bar dataKey="positive" stackId="v" fill={SENTIMENT_COLORS.positive} isAnimationActive={false} shape={shape} />
              {hasBand && (
                <Area
                  dataKey="expected"
                  type="stepAfter"
                  stroke={CHART_COLORS.expected}
                  strokeDasharray="6 4"
                  strokeWidth={Math.max(1, fontPx / 12)}
                  fill={CHART_COLORS.expected}
                  fillOpacity={0.14}
                  isAnimationActive={false}
                  connectNulls={false}
                  activeDot={false}
                />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
    </Panel>
  );
}
