/**
 * Colours SVG charts need as attribute values. They mirror the CSS variables in
 * styles/theme.css; sentiment never relies on colour alone (markers and labels go with it).
 */
export const SENTIMENT_COLORS = {
  positive: '#2dd4bf',
  neutral: '#8b9ab1',
  negative: '#ff6b57',
} as const;

export const CHART_COLORS = {
  grid: '#233049',
  axis: '#9aa7bd',
  track: '#1d273a',
  needle: '#f1f5fb',
  /** The expected range behind the volume bars: light and dashed, so the bars stay the figure. */
  expected: '#dbe7ff',
} as const;
