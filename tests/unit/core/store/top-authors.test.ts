/**
 * `authors.top` reads only the authors who can make its list (store/queries/top-authors.ts). These
 * pin down that it still answers exactly what grouping the window's mentions answers when many
 * authors share follower counts (ties at the cut), for small lists, windows on and off the hour,
 * and authors whose follower count changes inside an hour cut by the window's edge. Real SQLite,
 * the real pipeline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';
import { topAuthorsByGrouping } from '../../../support/top-authors-reference';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 7, 12, 17, 0);
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const reference = topAuthorsByGrouping;

/**
 * 3,000 posts by 300 authors over 30 hours. Follower counts come from five values, so many authors
 * tie at any cut; a big account's count drops late in each hour (the hour's largest count is then
 * outside a window that ends mid-hour), and some posts give no count at all.
 */
function posts(): MentionInput[] {
  const out: MentionInput[] = [];
  for (let i = 0; i < 3_000; i++) {
    const author = (i * 37) % 300;
    const publishedAt = NOW - 30 * HOUR + Math.floor((i * 30 * HOUR) / 3_000) + (i % 17) * 1_000;
    const lateInHour = publishedAt % HOUR > 45 * 60_000;
    const base = [10, 500, 500, 20_000, 20_000][author % 5]!;
    out.push(
      mentionInput(`p${i}`, {
        platform: author % 2 === 0 ? 'reddit' : 'x',
        authorHandle: `user${author}`,
        authorName: `User ${author}`,
        authorFollowers: author % 23 === 0 ? null : author % 10 === 3 && !lateInHour ? base * 10 : base,
        text: i % 4 === 0 ? 'the outage is awful and I hate it' : `a plain note ${i}`,
        publishedAt,
      }),
    );
  }
  return out;
}

function filled(): Store {
  const store = openStore(tempDir());
  open.push(store);
  createSource(store, 'src');
  const pipeline = new IngestPipeline(store, createMemoryLogger(), () => NOW);
  const all = posts();
  for (let i = 0; i < all.length; i += 250) pipeline.ingest('src', all.slice(i, i + 250), String(i));
  return store;
}

const WINDOWS: Array<[string, number, number]> = [
  ['24 h ending now', NOW - 24 * HOUR, NOW],
  ['24 h ending mid-hour, 20 min in', NOW - 24 * HOUR - 57 * 60_000, NOW - 57 * 60_000],
  ['on the hour at both ends', NOW - (NOW % HOUR) - 5 * HOUR, NOW - (NOW % HOUR) - 1],
  ['inside one hour', NOW - 10 * 60_000, NOW],
  ['straddling one hour boundary', NOW - 40 * 60_000, NOW],
  ['everything', 0, NOW + HOUR],
  ['before anything was said', 0, NOW - 40 * HOUR],
];

describe('authors.top reads only the authors who can make the list', () => {
  it('answers exactly what grouping the window’s mentions answers, ties and small lists included', () => {
    const store = filled();
    for (const [name, from, to] of WINDOWS) {
      const full = reference(store, from, to, 1_000);
      if (name === 'before anything was said') expect(full).toEqual([]);
      else expect(full.length, name).toBeGreaterThan(10);
      for (const limit of [1, 2, 3, 7, 10, 100]) expect(store.mentions.topAuthors(from, to, limit), `${name}, top ${limit}`).toEqual(full.slice(0, limit));
    }
  });
});
