/**
 * The cursor logic shared by every API that lists results newest first and pages towards older
 * ones (Bluesky, Reddit, Hacker News, X, YouTube).
 *
 * The cursor remembers the newest item already delivered (its sort key, plus the ids that share
 * that key, since timestamps tie). A poll reads from the newest page back until it meets that
 * mark. When there is more new than a poll may read (`maxPages`), it stores where it stopped (the
 * platform's page token), the newest and the oldest item of the run so far, and says
 * `moreAvailable`: the next poll goes on from that page, and only once the run has met the old
 * mark does the mark move up to the run's newest item. So a burst bigger than a poll is read in
 * several polls with no gap and no repeat, and a crash in between resumes from the stored cursor.
 * Page tokens that are offsets (Bluesky, Hacker News) shift when new posts arrive mid-run; the
 * run's oldest item tells what was already read, so nothing is delivered twice.
 *
 * The very first poll of a source reads one page only: the newest posts, not the platform's
 * whole history.
 */
import { z } from 'zod';
import type { MentionInput } from '@shared/domain/mention';
import type { PollResult } from '../adapter';
import { HttpStatusError } from '../http/http-client';

/** A sort position: decimal digit strings (snowflake ids, epoch ms) compared numerically. */
export interface Mark {
  key: string;
  /** Ids of items whose key equals `key` (ties), already delivered. */
  ids: string[];
}

const markSchema = z.object({ key: z.string().regex(/^\d+$/).max(40), ids: z.array(z.string().max(600)).max(500) });
const cursorSchema = z.object({
  high: markSchema.nullable(),
  run: z.object({ top: markSchema, low: markSchema, page: z.string().max(4096) }).nullable(),
});
export type NewestFirstCursor = z.infer<typeof cursorSchema>;

/**
 * Compares two sort keys: decimal digit strings as numbers (ids can exceed 2^53); equally long
 * alphanumeric ids (base62 flake ids) by character.
 */
export function compareKeys(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function readNewestFirstCursor(raw: string | null): NewestFirstCursor {
  if (raw !== null) {
    try {
      const parsed = cursorSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // An unreadable cursor starts over from the newest page.
    }
  }
  return { high: null, run: null };
}

export interface RawPage<T> {
  /** As the platform sent them, newest first. */
  items: readonly T[];
  /** The token for the next (older) page; null when there is none. */
  next: string | null;
  /** The platform said no calls are left in this window: stop paging for this poll. */
  exhausted?: boolean;
}

export interface NewestFirstOptions<T> {
  cursor: string | null;
  maxPages: number;
  /**
   * Fetches one page: `page` is null for the newest page, else a token from a previous page.
   * `high` is the mark already delivered (for APIs that filter server-side, e.g. `since_id`);
   * `runTop` the newest key of the run in progress (to freeze result sets paged by number).
   */
  fetchPage: (page: string | null, high: Mark | null, runTop: Mark | null) => Promise<RawPage<T>>;
  keyOf: (item: T) => string | null;
  idOf: (item: T) => string | null;
  /** Null skips the item (deleted, removed, unreadable) while it still counts as seen. */
  map: (item: T) => MentionInput | null;
}

function isAtOrBelow(key: string, id: string, high: Mark | null): boolean {
  if (!high) return false;
  const c = compareKeys(key, high.key);
  return c < 0 || (c === 0 && high.ids.includes(id));
}

/** Newer than the run's oldest item so far (or that item itself): already read in this run. */
function isAtOrAbove(key: string, id: string, low: Mark | null): boolean {
  if (!low) return false;
  const c = compareKeys(key, low.key);
  return c > 0 || (c === 0 && low.ids.includes(id));
}

function lower(low: Mark | null, key: string, id: string): Mark {
  if (!low) return { key, ids: [id] };
  const c = compareKeys(key, low.key);
  if (c < 0) return { key, ids: [id] };
  if (c === 0 && !low.ids.includes(id)) return { key, ids: [...low.ids, id].slice(-500) };
  return low;
}

function raise(top: Mark | null, key: string, id: string): Mark {
  if (!top) return { key, ids: [id] };
  const c = compareKeys(key, top.key);
  if (c > 0) return { key, ids: [id] };
  if (c === 0 && !top.ids.includes(id)) return { key, ids: [...top.ids, id].slice(-500) };
  return top;
}

function merge(high: Mark | null, top: Mark | null): Mark | null {
  if (!top) return high;
  if (!high) return top;
  const c = compareKeys(top.key, high.key);
  if (c > 0) return top;
  if (c < 0) return high;
  return { key: high.key, ids: [...new Set([...high.ids, ...top.ids])].slice(-500) };
}

export async function pollNewestFirst<T>(options: NewestFirstOptions<T>): Promise<PollResult> {
  const state = readNewestFirstCursor(options.cursor);
  const high = state.high;
  let top = state.run?.top ?? null;
  let low = state.run?.low ?? null;
  /** The oldest item earlier polls of this run reached: anything at or above it was read then. */
  let readBefore = low;
  let page = state.run?.page ?? null;
  const items: MentionInput[] = [];
  /** Within one poll, ids; platforms do not always list strictly in order of our sort key. */
  const readNow = new Set<string>();
  const firstPoll = high === null && state.run === null;

  let exhausted = false;
  let runTop = state.run?.top ?? null;
  for (let pages = 0; pages < options.maxPages; pages++) {
    let result: RawPage<T>;
    try {
      result = await options.fetchPage(page, high, runTop);
    } catch (error) {
      // A stored page token the platform no longer accepts (expired, or its anchor deleted) must
      // not wedge the source: start the run again from the newest page. What the old run already
      // delivered may come again; the store keeps one copy per (source, id).
      if (pages > 0 || page === null || !(error instanceof HttpStatusError) || ![400, 404, 410].includes(error.status)) throw error;
      page = null;
      top = null;
      low = null;
      readBefore = null;
      runTop = null;
      result = await options.fetchPage(null, high, null);
    }
    let reachedHigh = false;
    for (const raw of result.items) {
      const key = options.keyOf(raw);
      const id = options.idOf(raw);
      if (key === null || id === null) continue;
      if (isAtOrBelow(key, id, high)) {
        reachedHigh = true;
        continue;
      }
      if (isAtOrAbove(key, id, readBefore) || readNow.has(id)) continue;
      readNow.add(id);
      top = raise(top, key, id);
      low = lower(low, key, id);
      const mention = options.map(raw);
      if (mention) items.push(mention);
    }
    page = result.next;
    const finished = reachedHigh || page === null || result.items.length === 0 || firstPoll;
    if (finished) {
      const cursor: NewestFirstCursor = { high: merge(high, top), run: null };
      return { items, cursor: JSON.stringify(cursor) };
    }
    if (result.exhausted) {
      exhausted = true;
      break;
    }
  }
  // Stopped early: keep the old mark and the run's place, and come back soon unless the platform
  // said no calls are left (then the interval, or a 429's wait, applies).
  const run = top && low && page !== null ? { top, low, page } : null;
  const cursor: NewestFirstCursor = { high, run };
  return { items, cursor: JSON.stringify(cursor), moreAvailable: run !== null && !exhausted };
}
