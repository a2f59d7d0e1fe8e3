import { formatDay, formatHMS } from '../ui/time-format';
import './Clock.css';

export interface ClockOptions {
  /** Server time in epoch ms. */
  now: number;
}

/** The core's time, so every wall in the room shows the same second. */
export function Clock({ now }: ClockOptions) {
  return (
    <div className="clock" title="Server time">
      <span className="clock__time">{formatHMS(now)}</span>
      <span className="clock__day">{formatDay(now)}</span>
    </div>
  );
}
