/**
 * Reading the loosely typed values that files and collectors send (times as ISO text, RFC 2822,
 * "2015-02-24 11:35:52 -0800", unix seconds or milliseconds; counts as numbers or numeric text).
 * Each returns null for "absent" and throws a `ValueError` naming what is wrong.
 */
export class ValueError extends Error {}

/** Below this a number is unix seconds, above it milliseconds (1e11 s is the year 5138). */
const SECONDS_LIMIT = 1e11;

export function readTime(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new ValueError(`"${value}" is not a time`);
    return Math.round(value < SECONDS_LIMIT ? value * 1000 : value);
  }
  if (typeof value !== 'string') throw new ValueError('a time must be text or a number');
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return readTime(Number(text));
  const at = Date.parse(text);
  if (!Number.isFinite(at)) throw new ValueError(`"${text.slice(0, 60)}" is not a readable time (use ISO 8601, e.g. 2025-11-23T14:05:00Z)`);
  return at;
}

export function readCount(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim().replace(/[_,](?=\d{3}\b)/g, '')) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) throw new ValueError(`"${String(value).slice(0, 40)}" is not a whole number of 0 or more`);
  return n;
}

export function readText(value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new ValueError('must be text');
  const text = value.trim();
  if (text.length > max) throw new ValueError(`is longer than ${max} characters`);
  return text === '' ? null : text;
}
