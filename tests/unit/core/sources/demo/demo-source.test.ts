import { describe, expect, it } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import { scoreSentiment } from '../../../../../electron/core/analysis/sentiment';
import { checkMentionInput } from '../../../../../electron/core/pipeline/mention-input';
import { SourceConfigError } from '../../../../../electron/core/sources/adapter';
import { DEMO_INTERVAL_MS, DemoSource, type DemoConfig } from '../../../../../electron/core/sources/demo/demo-source';
import { EPISODE_LENGTH_MS } from '../../../../../electron/core/sources/demo/episodes';
import { offlineOutbound } from '../../../../support/outbound';

const MINUTE = 60_000;
/** On a 20-minute slot boundary, so the schedule's slots are easy to name. */
const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const signal = new AbortController().signal;

interface Run {
  items: MentionInput[];
  cursor: string | null;
  /** Problems found while polling: items failing the boundary check, or outside their poll's window. */
  problems: string[];
}

/**
 * Polls like the scheduler does: each poll with the previous cursor and an advancing `now`.
 * Every item is checked against the pipeline's boundary validation at its poll's time.
 */
async function run(source: DemoSource, cursor: string | null, from: number, to: number, stepMs = DEMO_INTERVAL_MS): Promise<Run> {
  const items: MentionInput[] = [];
  const problems: string[] = [];
  let previous = from;
  for (let now = from + stepMs; now <= to; now += stepMs) {
    const result = await source.poll({ cursor, now, signal, ...offlineOutbound() });
    for (const item of result.items as MentionInput[]) {
      const checked = checkMentionInput(item, now);
      if (!checked.ok) problems.push(`${item.externalId}: ${checked.reason}`);
      if (cursor !== null && (item.publishedAt < previous || item.publishedAt > now))
        problems.push(`${item.externalId} at ${item.publishedAt} is outside (${previous}, ${now}]`);
    }
    items.push(...(result.items as MentionInput[]));
    cursor = result.cursor;
    previous = now;
  }
  return { items, cursor, problems };
}

const calm = (patch: Partial<DemoConfig> = {}): DemoSource => new DemoSource('demo', { ratePerMinute: 60, episodeEveryMinutes: null, seed: 7, ...patch });

describe('DemoSource', () => {
  it('is deterministic: two instances with the same config, cursor and times produce the same items', async () => {
    const config: DemoConfig = { ratePerMinute: 120, episodeEveryMinutes: 20, seed: 42 };
    const a = await run(new DemoSource('demo', config), null, T0, T0 + 30 * MINUTE);
    const b = await run(new DemoSource('demo', config), null, T0, T0 + 30 * MINUTE);
    expect(a.items.length).toBeGreaterThan(1_000);
    expect(b.items).toEqual(a.items);
    expect(b.cursor).toBe(a.cursor);

    const other = await run(new DemoSource('demo', { ...config, seed: 43 }), null, T0, T0 + 30 * MINUTE);
    expect(other.items.map((i) => i.text)).not.toEqual(a.items.map((i) => i.text));
  });

  it('delivers about ratePerMinute in calm times', async () => {
    const { items } = await run(calm({ ratePerMinute: 30 }), null, T0, T0 + 60 * MINUTE);
    // Poisson with mean 1,800: ± 250 is about six standard deviations.
    expect(items.length).toBeGreaterThan(1_550);
    expect(items.length).toBeLessThan(2_050);
    expect(items.every((i) => i.episode === null)).toBe(true);

    const silent = await run(calm({ ratePerMinute: 0 }), null, T0, T0 + 10 * MINUTE);
    expect(silent.items).toEqual([]);
  });

  it('never repeats an external id across polls, and every item passes the boundary check', async () => {
    const source = new DemoSource('demo', { ratePerMinute: 90, episodeEveryMinutes: 10, seed: 3 });
    const first = await run(source, null, T0, T0 + 25 * MINUTE);
    source.trigger('influencer-complaint', T0 + 25 * MINUTE + 500);
    source.trigger('outage', T0 + 25 * MINUTE + 700);
    const second = await run(source, first.cursor, T0 + 25 * MINUTE, T0 + 45 * MINUTE);
    const all = [...first.items, ...second.items];
    expect(all.length).toBeGreaterThan(2_000);
    expect(new Set(all.map((i) => i.externalId)).size).toBe(all.length);
    expect([...first.problems, ...second.problems]).toEqual([]);
  });

  it('resumes from a stored cursor without gaps or duplicates', async () => {
    const config: DemoConfig = { ratePerMinute: 100, episodeEveryMinutes: 5, seed: 11 };
    const straight = await run(new DemoSource('demo', config), null, T0, T0 + 20 * MINUTE);

    const before = await run(new DemoSource('demo', config), null, T0, T0 + 10 * MINUTE);
    // What the store keeps is a string; a restarted process builds a new adapter from it.
    const stored = JSON.parse(JSON.stringify(before.cursor)) as string;
    const after = await run(new DemoSource('demo', config), stored, T0 + 10 * MINUTE, T0 + 20 * MINUTE);

    expect([...before.items, ...after.items]).toEqual(straight.items);
    expect(after.problems).toEqual([]);
    const seam = T0 + 10 * MINUTE;
    expect(before.items.every((i) => i.publishedAt < seam)).toBe(true);
    expect(after.items.every((i) => i.publishedAt >= seam)).toBe(true);
  });

  it('catches up at most a few minutes after a long pause, and restarts on an unreadable cursor', async () => {
    const source = calm({ ratePerMinute: 600 });
    const first = await run(source, null, T0, T0 + 10_000);
    const late = T0 + 3 * 60 * MINUTE;
    const resumed = await source.poll({ cursor: first.cursor, now: late, signal, ...offlineOutbound() });
    expect(resumed.items.length).toBeGreaterThan(0);
    expect(Math.min(...resumed.items.map((i) => (i as MentionInput).publishedAt))).toBeGreaterThanOrEqual(late - 5 * MINUTE);

    const garbage = await source.poll({ cursor: '{"not":"a demo cursor"}', now: late, signal, ...offlineOutbound() });
    expect(garbage.items.every((i) => (i as MentionInput).publishedAt >= late - DEMO_INTERVAL_MS)).toBe(true);
    expect(JSON.parse(garbage.cursor!)).toMatchObject({ at: late });
  });

  it('an outage makes most episode posts negative and raises the volume', async () => {
    const source = calm({ ratePerMinute: 60 });
    const before = await run(source, null, T0, T0 + 10 * MINUTE);
    const start = T0 + 10 * MINUTE + 300;
    const episode = source.trigger('outage', start);
    expect(episode.endsAt - episode.startsAt).toBe(EPISODE_LENGTH_MS.outage);
    const during = await run(source, before.cursor, T0 + 10 * MINUTE, T0 + 10 * MINUTE + EPISODE_LENGTH_MS.outage);

    const posts = during.items.filter((i) => i.episode === episode.id);
    expect(posts.length).toBeGreaterThan(100);
    expect(posts.every((p) => p.publishedAt >= episode.startsAt && p.publishedAt < episode.endsAt)).toBe(true);
    const negative = posts.filter((p) => scoreSentiment(p.text).label === 'negative').length;
    expect(negative / posts.length).toBeGreaterThan(0.8);

    const calmBefore = before.items.filter((i) => i.publishedAt >= T0 + 2 * MINUTE).length; // the 8 calm minutes before
    expect(during.items.length).toBeGreaterThan(3 * calmBefore);
    expect(during.problems).toEqual([]);
  });

  it('an influencer complaint emits one negative origin post from a big account, then replies to it', async () => {
    const source = calm({ ratePerMinute: 60 });
    const before = await run(source, null, T0, T0 + 5 * MINUTE);
    const episode = source.trigger('influencer-complaint', T0 + 5 * MINUTE + 700);
    const during = await run(source, before.cursor, T0 + 5 * MINUTE, T0 + 5 * MINUTE + EPISODE_LENGTH_MS['influencer-complaint']);

    const posts = during.items.filter((i) => i.episode === episode.id);
    const origins = posts.filter((p) => p.replyTo === null);
    expect(origins).toHaveLength(1);
    const origin = origins[0]!;
    expect(origin.publishedAt).toBe(episode.startsAt);
    expect(origin.authorFollowers).toBeGreaterThanOrEqual(250_000);
    expect(origin.authorVerified).toBe(true);
    expect(scoreSentiment(origin.text).label).toBe('negative');

    const pileOn = posts.filter((p) => p !== origin);
    expect(pileOn.length).toBeGreaterThan(20);
    expect(pileOn.every((p) => p.publishedAt > origin.publishedAt)).toBe(true);
    expect(pileOn.filter((p) => p.text.includes(`@${origin.authorHandle}`)).length).toBeGreaterThan(pileOn.length / 2);
    // A reply must point at the origin post's own id, or threading cannot find it.
    expect(new Set(pileOn.map((p) => p.replyTo))).toEqual(new Set([origin.externalId]));
    expect(during.problems).toEqual([]);
  });

  it('starts episodes on schedule with episodeEveryMinutes, and none when it is null', async () => {
    const scheduled = await run(new DemoSource('demo', { ratePerMinute: 60, episodeEveryMinutes: 20, seed: 5 }), null, T0 + 30_000, T0 + 65 * MINUTE);
    const episodeIds = [...new Set(scheduled.items.map((i) => i.episode).filter((e): e is string => e !== null))].sort();
    // Slots at +20, +40 and +60 min after T0 fall in the window; kinds alternate.
    const starts = episodeIds.map((id) => Number(id.slice(id.lastIndexOf('-') + 1))).sort((a, b) => a - b);
    expect(starts).toEqual([T0 + 20 * MINUTE, T0 + 40 * MINUTE, T0 + 60 * MINUTE]);
    const kinds = starts.map((start) => episodeIds.find((id) => id.endsWith(`-${start}`))!.replace(`-${start}`, ''));
    expect(new Set(kinds)).toEqual(new Set(['outage', 'influencer-complaint']));
    expect(kinds[0]).not.toBe(kinds[1]);
    expect(kinds[1]).not.toBe(kinds[2]);
    for (const start of starts) {
      const first = Math.min(...scheduled.items.filter((i) => i.episode?.endsWith(`-${start}`)).map((i) => i.publishedAt));
      expect(first).toBeGreaterThanOrEqual(start);
      expect(first).toBeLessThan(start + MINUTE);
    }
    expect(scheduled.problems).toEqual([]);

    const none = await run(calm(), null, T0 + 30_000, T0 + 65 * MINUTE);
    expect(none.items.length).toBeGreaterThan(1_000);
    expect(none.items.filter((i) => i.episode !== null)).toEqual([]);
  });

  it('refuses invalid settings with a SourceConfigError naming the setting', () => {
    expect(() => DemoSource.fromJson('demo', '{"ratePerMinute":-1,"episodeEveryMinutes":null,"seed":1}')).toThrow(SourceConfigError);
    expect(() => DemoSource.fromJson('demo', '{"ratePerMinute":-1,"episodeEveryMinutes":null,"seed":1}')).toThrow(/source demo: ratePerMinute/);
    expect(() => DemoSource.fromJson('demo', '{"ratePerMinute":1,"episodeEveryMinutes":0,"seed":1}')).toThrow(/episodeEveryMinutes/);
    expect(() => DemoSource.fromJson('demo', '{"ratePerMinute":1,"episodeEveryMinutes":null,"seed":1,"extra":true}')).toThrow(/extra/);
    expect(DemoSource.fromJson('demo', '{"ratePerMinute":1,"episodeEveryMinutes":null,"seed":1}')).toBeInstanceOf(DemoSource);
  });
});
