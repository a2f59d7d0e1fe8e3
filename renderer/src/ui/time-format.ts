/**
 * Every time Earshot prints, in the viewer's locale with one 12/24-hour decision taken from that
 * locale, so a desk view, a wall and a report never mix "20:05" and "8:05 PM" on one screen.
 */

export type TimeStyle = 'hm' | 'hms' | 'day' | 'date' | 'dayTime' | 'full' | 'moment' | 'when';
export type HourCycle = 'h11' | 'h12' | 'h23' | 'h24';

export interface TimeFormat {
  /** The locale's own clock: h23/h24 prints "20:05", h11/h12 prints "8:05 PM" (never ambiguous). */
  hourCycle: HourCycle;
  format(ms: number, style: TimeStyle, now?: number): string;
}

/** `locale` undefined: the viewer's (the browser's or the operating system's). */
export function makeTimeFormat(locale?: string): TimeFormat {
  const hourCycle: HourCycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle ?? 'h23';
  const hour = hourCycle === 'h11' || hourCycle === 'h12' ? 'numeric' : '2-digit';
  const clock = { hour, minute: '2-digit', hourCycle } as const;
  const formats: Record<Exclude<TimeStyle, 'when'>, Intl.DateTimeFormat> = {
    hm: new Intl.DateTimeFormat(locale, clock),
    hms: new Intl.DateTimeFormat(locale, { ...clock, second: '2-digit' }),
    day: new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' }),
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
    dayTime: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...clock }),
    full: new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', ...clock, second: '2-digit' }),
    // A replayed moment is of another day and maybe another zone: everything, to the second.
    moment: new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...clock,
      second: '2-digit',
      timeZoneName: 'short',
    }),
  };
  const format = (ms: number, style: TimeStyle, now: number = Date.now()): string => {
    if (style !== 'when') return formats[style].format(ms);
    // A time today, or the day and time for anything earlier or later: "03:32" a week on would mislead.
    const a = new Date(ms);
    const b = new Date(now);
    const sameDay = a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
    return sameDay ? formats.hm.format(ms) : `${formats.day.format(ms)} ${formats.hm.format(ms)}`;
  };
  return { hourCycle, format };
}

const viewer = makeTimeFormat(undefined);

export const HOUR_CYCLE = viewer.hourCycle;
export const formatTime = viewer.format;
export const formatHM = (ms: number): string => viewer.format(ms, 'hm');
export const formatHMS = (ms: number): string => viewer.format(ms, 'hms');
export const formatDay = (ms: number): string => viewer.format(ms, 'day');
export const formatDate = (ms: number): string => viewer.format(ms, 'date');
export const formatDayTime = (ms: number): string => viewer.format(ms, 'dayTime');
export const formatFull = (ms: number): string => viewer.format(ms, 'full');
export const formatMoment = (ms: number): string => viewer.format(ms, 'moment');
export const formatWhen = (ms: number, now?: number): string => viewer.format(ms, 'when', now);

/** The value an `<input type="datetime-local">` takes: local time to the minute, not a display format. */
export function toDateTimeInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
