import { useClockStore } from '../../stores/clock';
import { Clock } from '../../widgets/Clock';

export function ClockContainer() {
  const now = useClockStore((s) => s.now);
  return <Clock now={now} />;
}
