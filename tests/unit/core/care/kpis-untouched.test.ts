/**
 * care.kpis counts the open conversations no one has touched instead of reading them: its answer
 * must be the one the formulas give over every conversation read in full (the previous read, kept
 * here as the reference), for periods ending before and after now, odd and even backlogs, and with
 * agent and team filters. Real SQLite, the real pipeline and care grouping; the touches (replies,
 * resolves, surveys, assignments, drills, "no reply needed") are written straight into the rows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { computeKpis, groupFigures, rankAgents } from '@shared/logic/care/kpis';
import { toKpiConversation } from '../../../../electron/core/store/queries/care/kpis';
import { DEFAULT_CARE_SETTINGS } from '../../../../electron/core/care/settings';
import { openHarness, post, T0, type Harness } from './care-harness';
import { useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
let h: Harness | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

const MIN = 60_000;
const DAY = 86_400_000;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The previous read: every conversation of the period, and every open one opened before its end, in full. */
const REFERENCE_SQL = `SELECT opened_at, first_response_at, resolved_at, resolution, sentiment_first, sentiment_last, csat, nps, survey_asked_at,
  survey_answered_at, assignee, team_id FROM care_conversations
  WHERE drill_run_id IS NULL AND needs_reply = 1 AND ((opened_at >= ? AND opened_at < ?) OR (status <> 'resolved' AND opened_at < ?))`;

function touchSome(harness: Harness, seed: number): void {
  const db = harness.services.store.db;
  const rnd = random(seed);
  db.prepare("INSERT OR IGNORE INTO care_teams (id, name) VALUES (1, 'north'), (2, 'south')").run();
  const ids = (db.prepare('SELECT id, opened_at FROM care_conversations ORDER BY id').all() as { id: number; opened_at: number }[]).filter(() => rnd() < 0.45);
  const set = (id: number, column: string, value: unknown) => db.prepare(`UPDATE care_conversations SET ${column} = ? WHERE id = ?`).run(value, id);
  for (const { id, opened_at: opened } of ids) {
    const kind = Math.floor(rnd() * 9);
    if (kind === 0) set(id, 'first_response_at', opened + Math.round(rnd() * 120) * MIN);
    if (kind === 1) {
      set(id, 'status', 'resolved');
      set(id, 'resolved_at', opened + Math.round(rnd() * 300) * MIN);
      set(id, 'resolution', rnd() < 0.5 ? 'public' : 'private');
      set(id, 'sentiment_last', rnd() - 0.5);
    }
    if (kind === 2) set(id, 'assignee', rnd() < 0.5 ? 'ana' : 'ben');
    if (kind === 3) set(id, 'team_id', rnd() < 0.5 ? 1 : 2);
    if (kind === 4) set(id, 'csat', 1 + Math.floor(rnd() * 5));
    if (kind === 5) set(id, 'survey_asked_at', opened + 60 * MIN);
    if (kind === 6) set(id, 'needs_reply', 0);
    if (kind === 7) set(id, 'nps', Math.floor(rnd() * 11));
    // A resolve undone: open again, its resolve time kept.
    if (kind === 8) set(id, 'resolved_at', opened + 30 * MIN);
  }
}

describe('care.kpis with the untouched backlog counted', () => {
  it('gives the answer of the formulas over every conversation, for any period, backlog size and filter', async () => {
    h = openHarness(tempDir());
    const rnd = random(7);
    // 301 customers over five days (some posting twice), so backlogs of odd and even sizes occur.
    h.ingest(
      Array.from({ length: 301 }, (_, i) =>
        post(`k${i}`, { authorHandle: `c${i % 283}`, publishedAt: T0 - Math.floor(rnd() * 5 * DAY), text: '@brand my order never came, can you help?' }),
      ),
    );
    touchSome(h, 11);
    const w = h.window();
    const settings = DEFAULT_CARE_SETTINGS;
    const teamNames = new Map([
      [1, 'north'],
      [2, 'south'],
    ]);
    let checked = 0;
    const backlogSizes = new Set<number>();
    for (const [from, to, now] of [
      [T0 - DAY, T0, T0],
      [T0 - 3 * DAY, T0 - 2 * DAY, T0],
      [T0 - 2 * DAY, T0 + DAY, T0 - DAY / 2],
      [T0 - 6 * DAY, T0 - 4 * DAY - 7 * MIN, T0],
      [T0 - 10 * DAY, T0 - 9 * DAY, T0],
    ] as const) {
      h.clock.now = now;
      for (const filter of [{}, { agent: 'ana' }, { teamId: 2 }]) {
        const got = await w.call('care.kpis', { from, to, ...filter });
        const asOf = Math.min(to, now);
        const options = { asOf, businessHours: settings.businessHours, targetMinutes: settings.responseTargetMinutes };
        const all = (h.services.store.db.prepare(REFERENCE_SQL).all(from, to, to) as Parameters<typeof toKpiConversation>[0][])
          .map(toKpiConversation)
          .filter((c) => (!('agent' in filter) || c.assignee === filter.agent) && (!('teamId' in filter) || c.teamId === filter.teamId));
        const perAgent = groupFigures(all, (c) => c.assignee, options);
        const expected = {
          ...computeKpis(all, options),
          perAgent: settings.leaderboard ? rankAgents(perAgent) : perAgent.sort((a, b) => a.key.localeCompare(b.key)),
          perTeam: groupFigures(all, (c) => (c.teamId === null ? null : (teamNames.get(c.teamId) ?? `team ${c.teamId}`)), options),
        };
        const { waitingNow: _w, leaderboard: _l, from: _f, to: _t, ...figures } = got;
        expect(figures, `period ${from}–${to} at ${now}, filter ${JSON.stringify(filter)}`).toEqual(expected);
        backlogSizes.add(got.backlog.open);
        checked += 1;
      }
    }
    expect(checked).toBe(15);
    // The cases cover an empty backlog, odd and even ones, and breaches from untouched conversations.
    expect(backlogSizes.has(0)).toBe(true);
    expect([...backlogSizes].some((n) => n % 2 === 1)).toBe(true);
    expect([...backlogSizes].some((n) => n > 0 && n % 2 === 0)).toBe(true);
    const day = await w.call('care.kpis', { from: T0 - DAY, to: T0 });
    expect(day.breaches.count).toBeGreaterThan(50);
    expect(day.backlog.open).toBeGreaterThan(100);
  });
});
