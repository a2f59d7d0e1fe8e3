/** Dates and times as the alerts console shows them: the one time format (lib/time-format). */
export { formatFull as formatTime } from '../../lib/time-format';
