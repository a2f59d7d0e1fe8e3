export interface SparklineOptions {
  values: readonly number[];
  /** Accessible summary, e.g. "mentions per minute, last 60 min". */
  label: string;
  className?: string;
}

/** A tiny trend line in an SVG that stretches to its box; the last point is marked. */
export function Sparkline({ values, label, className }: SparklineOptions) {
  const w = 100;
  const h = 30;
  if (values.length < 2) return <svg className={className} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label} />;
  const max = Math.max(...values, 1);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const points = values.map((v, i) => [(i / (values.length - 1)) * w, h - 2 - ((v - min) / span) * (h - 4)] as const);
  const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(2)} ${y.toFixed(2)}`).join(' ');
  const last = points[points.length - 1]!;
  return (
    <svg className={className} viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <path d={`${d} L${w} ${h} L0 ${h} Z`} fill="currentColor" opacity={0.12} />
      <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
      <circle cx={last[0]} cy={last[1]} r={1.8} fill="currentColor" />
    </svg>
  );
}
