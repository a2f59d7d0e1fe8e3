/**
 * One 12/24-hour decision per locale: every style that prints a clock follows the locale's own
 * cycle (an en-US viewer never sees "20:05" next to "8:05 PM"; a de-DE viewer never sees "PM"), and
 * "when" gives the day for anything not today.
 */
import { describe, expect, it } from 'vitest';
import { makeTimeFormat, type TimeStyle } from '../../../renderer/src/ui/time-format';

const EVENING = Date.UTC(2026, 11, 7, 20, 5, 9);
const CLOCK_STYLES: TimeStyle[] = ['hm', 'hms', 'dayTime', 'full', 'moment'];
const TWELVE_HOUR = /\b(AM|PM)\b/i;

describe('the time format of a locale', () => {
  it('en-US: a 12-hour clock in every style', () => {
    const t = makeTimeFormat('en-US');
    expect(t.hourCycle === 'h12' || t.hourCycle === 'h11').toBe(true);
    for (const style of CLOCK_STYLES) expect(t.format(EVENING, style), style).toMatch(TWELVE_HOUR);
  });

  it('de-DE and en-GB: a 24-hour clock in every style', () => {
    for (const locale of ['de-DE', 'en-GB']) {
      const t = makeTimeFormat(locale);
      expect(t.hourCycle === 'h23' || t.hourCycle === 'h24', locale).toBe(true);
      for (const style of CLOCK_STYLES) expect(t.format(EVENING, style), `${locale} ${style}`).not.toMatch(TWELVE_HOUR);
    }
  });

  it('"when" is the clock alone today and adds the day otherwise', () => {
    const t = makeTimeFormat('en-GB');
    const today = t.format(EVENING, 'when', EVENING + 60_000);
    const lastWeek = t.format(EVENING, 'when', EVENING + 7 * 86_400_000);
    expect(lastWeek.endsWith(today)).toBe(true);
    expect(lastWeek.length).toBeGreaterThan(today.length);
  });
});
