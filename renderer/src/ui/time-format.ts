/**
 * Every time Earshot prints, in the viewer's locale with one 12/24-hour decision taken from that
 * locale, so a desk view, a wall and a report never mix "20:05" and "8:05 PM" on one screen.
 */
const LOCALE: string | undefined = undefined;

/** The locale's own clock: h23/h24 prints "20:05", h11/h12 prints "8:05 PM" (never ambiguous). */
export const HOUR_CYCLE: 'h11' | 'h12' | 'h23' | 'h24' = new Intl.DateTimeFormat(LOCALE, { hour: 'numeric' }).resolvedOptions().hourCycle ?? 'h23';
const twelveHour = HOUR_CYCLE === 'h11' || HOUR_CYCLE === 'h12';
const hour = twelveHour ? 'numeric' : '2-digit';

const hoursMinutes = new Intl.DateTimeFormat(LOCALE, { hour, minute: '2-digit', hourCycle: HOUR_CYCLE });
const hoursMinutesSeconds = new Intl.DateTimeFormat(LOCALE, { hour, minute: '2-digit', second: '2-digit', hourCycle: HOUR_CYCLE });
const dayDate = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short' });
const dateOnly = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium' });
const full = new Intl.DateTimeFormat(LOCALE, { year: 'numeric', month: 'short', day: 'numeric', hour, minute: '2-digit', second: '2-digit', hourCycle: HOUR_CYCLE });
/** A replayed moment is of another day and maybe another zone: everything, to the second. */
const moment = new Intl.DateTimeFormat(LOCALE, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour,
  minute: '2-digit',
  second: '2-digit',
  hourCycle: HOUR_CYCLE,
  timeZoneName: 'short',
});
const dayTime = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', hour, minute: '2-digit', hourCycle: HOUR_CYCLE });

export const formatHM = (ms: number): string => hoursMinutes.format(ms);
export const formatHMS = (ms: number): string => hoursMinutesSeconds.format(ms);
export const formatDay = (ms: number): string => dayDate.format(ms);
export const formatDate = (ms: number): string => dateOnly.format(ms);
export const formatFull = (ms: number): string => full.format(ms);
export const formatMoment = (ms: number): string => moment.format(ms);
export const formatDayTime = (ms: number): string => dayTime.format(ms);

/** A time today, or the day and time for anything earlier or later: "03:32" a week on would mislead. */
export function formatWhen(ms: number, now: number = Date.now()): string {
  const a = new Date(ms);
  const b = new Date(now);
  const sameDay = a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  return sameDay ? formatHM(ms) : `${formatDay(ms)} ${formatHM(ms)}`;
}

export type TimeStyle = 'hm' | 'hms' | 'day' | 'date' | 'dayTime' | 'full' | 'moment' | 'when';

export function formatTime(ms: number, style: TimeStyle, now?: number): string {
  switch (style) {
    case 'hm':
      return formatHM(ms);
    case 'hms':
      return formatHMS(ms);
    case 'day':
      return formatDay(ms);
    case 'date':
      return formatDate(ms);
    case 'dayTime':
      return formatDayTime(ms);
    case 'full':
      return formatFull(ms);
    case 'moment':
      return formatMoment(ms);
    case 'when':
      return formatWhen(ms, now);
  }
}
