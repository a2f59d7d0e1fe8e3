/** Number and duration wording for walls read from across a room: short, and never "NaN". */

const UNITS: ReadonlyArray<readonly [number, string]> = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

/** 950 → "950", 1234 → "1.2K", 123456 → "123K", 1200000 → "1.2M". */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  for (const [size, unit] of UNITS) {
    // Compare against the rounded value so 999_950 reads "1M", not "1000K".
    if (abs >= size * 0.99995) {
      const scaled = abs / size;
      const text = scaled < 10 ? trimZero(scaled.toFixed(1)) : String(Math.round(scaled));
      return `${sign}${text}${unit}`;
    }
  }
  return `${sign}${Math.round(abs)}`;
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** A span of time in the largest unit that matters: "3 s", "2 min", "1 h 20 min", "3 d". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  return `${Math.floor(hours / 24)} d`;
}

/** "3 s ago", or "just now" for anything under a second (including a clock slightly ahead). */
export function formatAgo(then: number, now: number): string {
  const ms = now - then;
  return ms < 1000 ? 'just now' : `${formatDuration(ms)} ago`;
}

/** "in 3 s", or "now" when the moment has come. */
export function formatIn(then: number, now: number): string {
  const ms = then - now;
  return ms < 1000 ? 'now' : `in ${formatDuration(ms)}`;
}

/**
 * Net sentiment as a signed integer with ASCII signs ("+34", "-12", "0") so it stays machine
 * readable; "—" when there is nothing to base it on.
 */
export function formatNet(net: number | null): string {
  if (net === null || !Number.isFinite(net)) return '—';
  const rounded = Math.round(net);
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/**
 * Whole-number percentages of `counts` that add up to exactly 100 (largest remainder), so a
 * split never reads 33% + 33% + 33%. All zeros when the total is zero.
 */
export function percentShares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, c) => sum + Math.max(0, c), 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((c) => (Math.max(0, c) / total) * 100);
  const floors = exact.map(Math.floor);
  let missing = 100 - floors.reduce((sum, f) => sum + f, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    missing -= 1;
  }
  return floors;
}
