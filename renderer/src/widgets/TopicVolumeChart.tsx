import { Area, AreaChart, CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { CHART_COLORS } from '../lib/palette';
import { formatHM } from '../ui/time-format';
import { Panel } from './Panel';
import './TopicVolumeChart.css';

export interface TopicSeries {
  topicId: number;
  name: string;
  color: string;
  /** Dash pattern so compared lines differ by more than colour. */
  dash: string;
}

export interface TopicVolumeChartOptions {
  series: readonly TopicSeries[];
  /** One row per minute: `{ minute, [topicId]: count }`, oldest first, zeros filled. */
  rows: ReadonlyArray<Record<string, number>>;
  mode: 'stacked' | 'compared';
  periodLabel: string;
  fontPx: number;
}

/** Volume per topic over time: compared as lines (dashed differently), or stacked areas. */
export function TopicVolumeChart({ series, rows, mode, periodLabel, fontPx }: TopicVolumeChartOptions) {
  const tickStyle = { fill: CHART_COLORS.axis, fontSize: Math.round(fontPx * 0.8) };
  const every = Math.max(1, Math.ceil(rows.length / 6));
  const ticks = rows.filter((_, i) => i % every === 0).map((r) => r.minute ?? 0);
  const total = rows.reduce((sum, r) => sum + series.reduce((s, t) => s + (r[String(t.topicId)] ?? 0), 0), 0);
  const axes = (
    <>
      <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
      <XAxis dataKey="minute" ticks={ticks} interval={0} tickFormatter={(m: number) => formatHM(m)} tick={tickStyle} tickLine={false} height={fontPx * 1.6} />
      <YAxis allowDecimals={false} tick={tickStyle} tickLine={false} axisLine={false} width={fontPx * 2.8} />
    </>
  );
  return (
    <Panel
      title={mode === 'compared' ? 'Volume by topic' : 'Volume, stacked by topic'}
      period={periodLabel}
      className="tvol"
      testId="topic-volume"
      data={{ 'data-total': total }}
    >
      <ul className="tvol__legend">
        {series.map((s) => (
          <li key={s.topicId}>
            <svg viewBox="0 0 24 6" aria-hidden="true">
              <line x1="0" y1="3" x2="24" y2="3" stroke={s.color} strokeWidth="3" strokeDasharray={s.dash} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
      <div className="tvol__plot">
        {series.length === 0 ? (
          <p className="tvol__empty">No topics to compare yet</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%" minHeight={1} minWidth={1}>
            {mode === 'compared' ? (
              <LineChart data={rows as Array<Record<string, number>>} margin={{ top: fontPx * 0.4, right: fontPx, bottom: 0, left: 0 }}>
                {axes}
                {series.map((s) => (
                  <Line
                    key={s.topicId}
                    dataKey={String(s.topicId)}
                    name={s.name}
                    stroke={s.color}
                    strokeDasharray={s.dash}
                    strokeWidth={Math.max(2, fontPx / 8)}
                    dot={false}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            ) : (
              <AreaChart data={rows as Array<Record<string, number>>} margin={{ top: fontPx * 0.4, right: fontPx, bottom: 0, left: 0 }}>
                {axes}
                {series.map((s) => (
                  <Area
                    key={s.topicId}
                    dataKey={String(s.topicId)}
                    name={s.name}
                    stackId="t"
                    stroke={s.color}
                    fill={s.color}
                    fillOpacity={0.55}
                    isAnimationActive={false}
                  />
                ))}
              </AreaChart>
            )}
          </ResponsiveContainer>
        )}
      </div>
    </Panel>
  );
}
