/** Dates and times as the alerts console shows them: the one time format (ui/time-format). */
export { formatFull as formatTime } from '../../ui/time-format';
