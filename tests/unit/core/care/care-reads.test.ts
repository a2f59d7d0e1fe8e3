/**
 * Care reads that must not grow with the backlog: the KPI tile's "waiting now" counted by SQL by
 * lateWaiting's own rule, and the inbox search reading only the newest matching posts (saying when
 * it stopped). Real SQLite, the real pipeline and care grouping.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { lateWaiting } from '@shared/domain/waiting';
import { openHarness, post, T0, type Harness } from './care-harness';
import { useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
let h: Harness | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

const ask = '@brand my order never came, can you help?';

describe('care reads at any backlog', () => {
  it('waiting now: the same counts and longest wait as lateWaiting over the full list, at several targets', () => {
    h = openHarness(tempDir());
    // 40 customers asking at different times over three hours, some answered later, plus remarks that need no reply.
    h.ingest(
      Array.from({ length: 40 }, (_, i) =>
        post(`w${i}`, { authorHandle: `c${i}`, publishedAt: T0 - (i * 4 + 1) * 60_000, text: i % 5 === 4 ? `saw the new shop sign today ${i}` : ask }),
      ),
    );
    const list = h.services.care.waiting(T0);
    expect(list.length).toBeGreaterThan(20);
    const seen = new Set<number>();
    for (const target of [1, 30, 60, 120, 600]) {
      const expected = lateWaiting(list, target, T0);
      const got = h.services.store.care.waitingSummary(T0, target);
      seen.add(got.late);
      expect(
        { waiting: got.waiting, late: got.late, longestMinutes: got.oldestLate === null ? null : Math.floor((T0 - got.oldestLate) / 60_000) },
        `target ${target} min`,
      ).toEqual({ waiting: list.length, late: expected.late.length, longestMinutes: expected.longestMinutes });
    }
    // The targets cut the list at different places, down to nobody late.
    expect(seen.size).toBeGreaterThanOrEqual(4);
    expect(seen.has(0)).toBe(true);
    // The KPI tile (default target) gives the same.
    const tile = h.services.care.kpis({ from: T0 - 86_400_000, to: T0 }).waitingNow;
    const expected = lateWaiting(list, tile.targetMinutes, T0);
    expect(tile).toEqual({
      waiting: list.length,
      overTarget: expected.late.length,
      longestMinutes: expected.longestMinutes,
      targetMinutes: tile.targetMinutes,
    });
  });

  it('inbox search reads the newest matching posts only and says when more matched', async () => {
    h = openHarness(tempDir());
    h.ingest(
      Array.from({ length: 30 }, (_, i) => post(`s${i}`, { authorHandle: `s${i}`, publishedAt: T0 - (60 - i) * 60_000, text: `${ask} outage number ${i}` })),
    );
    const all = h.services.store.care.conversationsMatching('outage', 1_000);
    expect(all.capped).toBe(false);
    expect(all.ids).toHaveLength(30);
    const newest = h.services.store.care.conversationsMatching('outage', 5);
    expect(newest.capped).toBe(true);
    // The five newest posts' conversations: the authors who posted last.
    const handles = newest.ids.map((id) => h!.services.store.care.get(id)!.authorHandle).sort();
    expect(handles).toEqual(['s25', 's26', 's27', 's28', 's29']);
    const page = await h.window().call('care.inbox', { filter: { search: 'outage' }, limit: 50 });
    expect(page).toMatchObject({ total: 30, totalIsLowerBound: false });
    const none = await h.window().call('care.inbox', { filter: { search: 'zeppelin' }, limit: 50 });
    expect(none).toMatchObject({ total: 0, totalIsLowerBound: false, items: [] });
  });
});
