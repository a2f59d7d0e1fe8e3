import { formatFull, formatTime, type TimeStyle } from './time-format';

/**
 * A moment as people read it here (see time-format.ts), in a `<time>` element whose tooltip gives
 * the full date and time, so a short "20:05" can always be told apart from yesterday's.
 */
export function Time({ ms, style = 'when', now, testId }: { ms: number; style?: TimeStyle; now?: number; testId?: string }) {
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatFull(ms)} data-testid={testId}>
      {formatTime(ms, style, now)}
    </time>
  );
}
