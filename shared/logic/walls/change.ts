/** A number against the same window earlier, in words a room reads: "▲ 312%", "▼ 40%", "same". */
export function formatChange(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? 'same (none)' : `▲ from 0`;
  const pct = Math.round(((current - previous) / previous) * 100);
  if (pct === 0) return 'same';
  // Past 10× a percentage stops being readable: say the multiple.
  if (pct >= 900) return `▲ ${Math.round(current / previous)}×`;
  return pct > 0 ? `▲ ${pct}%` : `▼ ${-pct}%`;
}
