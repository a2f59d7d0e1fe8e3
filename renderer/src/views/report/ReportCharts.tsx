/**
 * The report's timeline: stacked volume bars by sentiment per bucket and the net sentiment line,
 * with a red line at each alert and a dashed blue one at each annotation. Fixed size SVG (no resize
 * observer), so print and screen draw the same sharp chart.
 */
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { bucketStart } from '@shared/logic/reports/model';
import type { ReportModel } from '@shared/logic/reports/types';
import { formatDate, formatHM } from '../../ui';

const COLORS = { positive: '#0f9d8a', neutral: '#9aa6b8', negative: '#e4472f', net: '#3b5bdb', alert: '#c92a2a', annotation: '#1c7ed6', grid: '#dde3ec' };
export const CHART_WIDTH = 680;

function tick(ms: number, spanMs: number): string {
  return spanMs > 2 * 24 * 3_600_000 ? formatDate(ms) : formatHM(ms);
}

/** The bucket (category) a moment falls in, or null outside the period. */
function bucketOf(report: ReportModel, at: number): number | null {
  return at < report.from || at >= report.to ? null : bucketStart(at, report.from, report.bucketMinutes);
}

export function VolumeChart({ report }: { report: ReportModel }) {
  const span = report.to - report.from;
  const marks = [
    ...report.alerts.map((a) => ({ key: `a${a.id}`, x: bucketOf(report, a.at), alert: true })),
    ...report.annotations.map((n) => ({ key: `n${n.id}`, x: bucketOf(report, n.at), alert: false })),
  ];
  return (
    <BarChart
      width={CHART_WIDTH}
      height={250}
      data={report.timeline}
      margin={{ top: 8, right: 12, bottom: 4, left: 0 }}
      barCategoryGap="8%"
      data-testid="report-volume-chart"
    >
      <CartesianGrid stroke={COLORS.grid} vertical={false} />
      <XAxis dataKey="at" tickFormatter={(t: number) => tick(t, span)} fontSize={11} minTickGap={24} />
      <YAxis allowDecimals={false} fontSize={11} width={40} />
      <Bar dataKey="negative" stackId="v" fill={COLORS.negative} isAnimationActive={false} />
      <Bar dataKey="neutral" stackId="v" fill={COLORS.neutral} isAnimationActive={false} />
      <Bar dataKey="positive" stackId="v" fill={COLORS.positive} isAnimationActive={false} />
      {marks.map((m) =>
        m.x === null ? null : (
          <ReferenceLine
            key={m.key}
            x={m.x}
            stroke={m.alert ? COLORS.alert : COLORS.annotation}
            strokeWidth={2}
            {...(m.alert ? {} : { strokeDasharray: '4 3' })}
          />
        ),
      )}
    </BarChart>
  );
}

export function NetSentimentChart({ report }: { report: ReportModel }) {
  const span = report.to - report.from;
  return (
    <LineChart width={CHART_WIDTH} height={150} data={report.timeline} margin={{ top: 8, right: 12, bottom: 4, left: 0 }} data-testid="report-net-chart">
      <CartesianGrid stroke={COLORS.grid} />
      <XAxis dataKey="at" type="number" domain={[report.from, report.to]} tickFormatter={(t: number) => tick(t, span)} fontSize={11} />
      <YAxis domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} fontSize={11} width={40} />
      <ReferenceLine y={0} stroke="#868e96" />
      <Line type="monotone" dataKey="net" stroke={COLORS.net} strokeWidth={2} dot={report.timeline.length <= 40} connectNulls isAnimationActive={false} />
      {report.alerts.map((a) => (
        <ReferenceLine key={`a${a.id}`} x={a.at} stroke={COLORS.alert} strokeWidth={1.5} />
      ))}
    </LineChart>
  );
}

export const LEGEND = COLORS;
