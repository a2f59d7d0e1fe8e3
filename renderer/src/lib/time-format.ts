/**
 * The one place times are worded, for every view: the viewer's locale for the order of day, month
 * and year, always 24-hour, so "08:00" and "20:00" never get confused and no screen mixes
 * "8:03 PM" with "20:03".
 */
const hoursMinutes = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const hoursMinutesSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const dayDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });
const dateTime = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const monthDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export const formatHM = (ms: number): string => hoursMinutes.format(ms);
export const formatHMS = (ms: number): string => hoursMinutesSeconds.format(ms);
export const formatDay = (ms: number): string => dayDate.format(ms);
export const formatFull = (ms: number): string => full.format(ms);
/** Date and time to the minute: "7 Dec 2026, 20:03". */
export const formatDateTime = (ms: number): string => dateTime.format(ms);
/** "7 Dec": an axis over several days. */
export const formatMonthDay = (ms: number): string => monthDay.format(ms);

/** A time today, or the day and time for anything earlier or later: "03:32" a week on would mislead. */
export function formatWhen(ms: number, now: number = Date.now()): string {
  const a = new Date(ms);
  const b = new Date(now);
  const sameDay = a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  return sameDay ? formatHM(ms) : `${formatDay(ms)} ${formatHM(ms)}`;
}
