/** Wall clock wording in the viewer's locale, 24-hour so "08:00" and "20:00" never get confused. */
const hoursMinutes = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const hoursMinutesSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const dayDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });

export const formatHM = (ms: number): string => hoursMinutes.format(ms);
export const formatHMS = (ms: number): string => hoursMinutesSeconds.format(ms);
export const formatDay = (ms: number): string => dayDate.format(ms);
export const formatFull = (ms: number): string => full.format(ms);

/** A time today, or the day and time for anything earlier or later: "03:32" a week on would mislead. */
export function formatWhen(ms: number, now: number = Date.now()): string {
  const a = new Date(ms);
  const b = new Date(now);
  const sameDay = a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  return sameDay ? formatHM(ms) : `${formatDay(ms)} ${formatHM(ms)}`;
}
