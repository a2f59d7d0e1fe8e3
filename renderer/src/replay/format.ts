/** How replay moments read; the formats themselves are the kit's (one 12/24-hour decision everywhere). */
export { formatMoment as formatReplayMoment, formatDayTime as formatReplayShort } from '../ui/time-format';
