import { Panel } from './Panel';
import './WorldClock.css';

export interface WorldClockOptions {
  /** Server time (epoch ms), so every wall shows the same second. */
  now: number;
  zones: readonly string[];
}

const formatters = new Map<string, { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>();
function formatter(zone: string) {
  let f = formatters.get(zone);
  if (!f) {
    f = {
      time: new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      day: new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' }),
    };
    formatters.set(zone, f);
  }
  return f;
}

function cityOf(zone: string): string {
  return zone === 'UTC' ? 'UTC' : (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/** The time in several zones: where the customers and the other teams are. */
export function WorldClock({ now, zones }: WorldClockOptions) {
  return (
    <Panel title="Clocks" period="server time" className="wclock" testId="world-clock">
      <ul className="wclock__list">
        {zones.map((zone) => (
          <li key={zone} className="wclock__zone" data-zone={zone}>
            <span className="wclock__time">{formatter(zone).time.format(now)}</span>
            <span className="wclock__city">{cityOf(zone)}</span>
            <span className="wclock__day">{formatter(zone).day.format(now)}</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
