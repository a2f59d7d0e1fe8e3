/** A backtest's outcome: the minute counts with a line at each would-be firing, and the firings listed. */
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BacktestResult } from '@shared/domain/alert-rule';
import { formatFull, formatHM } from '../../ui/time-format';

export function BacktestChart({ result }: { result: BacktestResult }) {
  const data = useMemo(() => result.series.map((p) => ({ t: p.minute, total: p.total, negative: p.negative })), [result]);
  if (result.unavailable)
    return (
      <p data-testid="backtest-result" data-firings="0">
        Backtest unavailable: {result.unavailable}
      </p>
    );
  return (
    <div className="backtest" data-testid="backtest-result" data-firings={result.firings.length}>
      <p>
        Would have fired <strong data-testid="backtest-count">{result.firings.length}</strong> time{result.firings.length === 1 ? '' : 's'} in{' '}
        {result.incidents} incident{result.incidents === 1 ? '' : 's'}
        {result.firings.some((f) => f.suppressed) ? ' (some held back by quiet hours)' : ''}; red lines mark firings. Counts per {result.stepMinutes} min.
      </p>
      <div className="backtest__chart">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" domain={[result.from, result.to]} tickFormatter={(t: number) => formatHM(t)} />
            <YAxis />
            <Tooltip labelFormatter={(t) => formatFull(Number(t))} />
            <Line type="monotone" dataKey="total" stroke="#5aa0ff" dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="negative" stroke="#ff7a59" dot={false} isAnimationActive={false} />
            {result.firings.slice(0, 200).map((f) => (
              <ReferenceLine key={`${f.at}-${f.key}`} x={f.at} stroke={f.suppressed ? '#888' : '#e5484d'} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ol className="backtest__list" data-testid="backtest-firings">
        {result.firings.slice(0, 50).map((f) => (
          <li key={`${f.at}-${f.key}`}>
            {formatFull(f.at)} · {f.severity}
            {f.suppressed ? ' (quiet hours)' : ''} · {f.detail}
          </li>
        ))}
      </ol>
    </div>
  );
}
