/**
 * Emotion in the real core wiring on real SQLite files: stored per mention (migration 012), rolled
 * up per minute for all mentions and per topic, filtered on in the inbox, and named in an alert
 * explanation when it runs above its usual rate.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { floorToMinute } from '@shared/logic/time';
import { emotionShifts } from '../../../../electron/core/alerts/emotion-shift';
import { wallWidgetSchema } from '@shared/contract/wall-schema';
import { openHarness, post, T0, type Harness } from '../care/care-harness';
import { useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
let h: Harness;

beforeEach(() => {
  h = openHarness(tempDir());
});
afterEach(() => h.close());

const angry = (id: string, at: number, topicWord = '') =>
  post(id, { authorHandle: `a${id}`, lang: 'en', publishedAt: at, text: `I am furious, this is outrageous and disgusting ${topicWord}`.trim() });
const happy = (id: string, at: number) =>
  post(id, { authorHandle: `h${id}`, lang: 'en', publishedAt: at, text: 'so happy and grateful today, what a lovely surprise' });

describe('emotion storage', () => {
  it('stores the emotion and its scores with each mention, and unknown outside English', () => {
    h.ingest([angry('1', T0 - 60_000), happy('2', T0 - 60_000), post('3', { lang: 'fr', text: 'le service est vraiment nul' })]);
    const byId = new Map(h.services.store.mentions.recent(10).map((m) => [m.externalId, m]));
    expect(byId.get('1')).toMatchObject({ emotion: 'anger' });
    expect(byId.get('1')!.emotionScores!.anger).toBeGreaterThan(0.5);
    expect(byId.get('2')).toMatchObject({ emotion: 'joy' });
    expect(byId.get('3')).toMatchObject({ emotion: 'unknown', emotionScores: null });
  });

  it('rolls emotions up per minute, for all mentions and per topic', () => {
    const topic = h.services.topics.create({ name: 'Router', kind: 'product', query: 'router' });
    const minute = floorToMinute(T0 - 60_000);
    h.ingest([angry('1', T0 - 60_000, 'router'), angry('2', T0 - 59_000), happy('3', T0 - 58_000)]);
    const all = h.services.store.emotions.range(0, minute, minute);
    expect(all).toEqual([{ minute, topicId: 0, anger: 2, joy: 1, optimism: 0, sadness: 0 }]);
    expect(h.services.store.emotions.range(topic.id, minute, minute)).toEqual([{ minute, topicId: topic.id, anger: 1, joy: 0, optimism: 0, sadness: 0 }]);
  });

  it("explains a stored mention's emotion with its scores and strongest signals", async () => {
    const [stored] = h.ingest([angry('1', T0 - 60_000)]).stored;
    const w = h.window();
    const explained = await w.call('mentions.explain', { id: stored!.id });
    expect(explained.emotion).toMatchObject({ label: 'anger' });
    expect(explained.emotion!.scores.anger).toBe(stored!.emotionScores!.anger);
    expect(explained.emotion!.pushes.length).toBeGreaterThan(2);
    expect(explained.emotion!.pushes[0]!.toward).toBe('anger');
  });

  it("recounts a topic's emotions when its history is re-tagged, and drops them with the topic", async () => {
    const minute = floorToMinute(T0 - 60_000);
    h.ingest([angry('1', T0 - 60_000, 'router'), angry('2', T0 - 59_000)]);
    // Created after the mentions: the topic service tags the stored history in the background.
    const topic = h.services.topics.create({ name: 'Router', kind: 'product', query: 'router' });
    await h.services.topics.idle();
    expect(h.services.store.emotions.range(topic.id, minute, minute)).toEqual([{ minute, topicId: topic.id, anger: 1, joy: 0, optimism: 0, sadness: 0 }]);
    h.services.topics.remove(topic.id);
    expect(h.services.store.emotions.range(topic.id, minute, minute)).toEqual([]);
    expect(h.services.store.emotions.range(0, minute, minute)[0]!.anger).toBe(2);
  });

  it('filters the inbox by emotion', async () => {
    h.ingest([angry('1', T0 - 60_000), happy('2', T0 - 60_000)]);
    const w = h.window();
    const all = (await w.call('care.inbox', { filter: {} })).items;
    expect(all).toHaveLength(2);
    const anger = (await w.call('care.inbox', { filter: { emotion: 'anger' } })).items;
    expect(anger.map((c) => c.authorHandle)).toEqual(['a1']);
    await expect(w.call('care.inbox', { filter: { emotion: 'rage' as 'anger' } })).rejects.toThrow(/emotion/);
  });

  it('names an emotion running above its usual rate, and stays quiet when none is', () => {
    const from = T0 - 15 * 60_000;
    // Baseline: one angry and six happy posts spread over the six hours before the window.
    const baseline = [angry('b0', from - 3 * 3_600_000), ...Array.from({ length: 6 }, (_, i) => happy(`b${i + 1}`, from - (i + 1) * 3_000_000))];
    h.ingest(baseline);
    expect(emotionShifts(h.services.store, null, from, T0)).toEqual([]);
    h.ingest(Array.from({ length: 8 }, (_, i) => angry(`w${i}`, from + i * 60_000)));
    const lines = emotionShifts(h.services.store, null, from, T0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^anger up \d+(\.\d)?× \(8 in 15 min vs 0\.\d expected\)$/);
  });
});

describe('emotion on the wire and on the wall', () => {
  it('answers per-minute emotion counts live, for all mentions and per topic, and checks the topic', async () => {
    const topic = h.services.topics.create({ name: 'Router', kind: 'product', query: 'router' });
    h.ingest([angry('1', T0 - 60_000, 'router'), happy('2', T0 - 60_000), happy('3', T0 - 2 * 3_600_000)]);
    const w = h.window();
    const all = await w.call('emotions.minutes', { topicId: null, minutes: 60 });
    expect(all.serverTime).toBe(T0);
    expect(all.minutes).toEqual([{ minute: floorToMinute(T0 - 60_000), topicId: 0, anger: 1, joy: 1, optimism: 0, sadness: 0 }]);
    const one = await w.call('emotions.minutes', { topicId: topic.id, minutes: 60 });
    expect(one.minutes.map((m) => m.anger + m.joy)).toEqual([1]);
    await expect(w.call('emotions.minutes', { topicId: 999, minutes: 60 })).rejects.toThrow(/no topic with id 999/);
  });

  it('answers the same counts as the war room saw them at a moment, for replay', async () => {
    h.ingest([angry('1', T0 - 60_000), happy('2', T0 - 60_000)]);
    const w = h.window();
    const seen = await w.call('review.emotions', { workspace: 'live', at: T0, topicId: null, minutes: 60 });
    expect(seen.minutes).toEqual([{ minute: floorToMinute(T0 - 60_000), topicId: 0, anger: 1, joy: 1, optimism: 0, sadness: 0 }]);
    // Before anything was heard, nothing.
    const before = await w.call('review.emotions', { workspace: 'live', at: T0 - 30 * 60_000, topicId: null, minutes: 60 });
    expect(before.minutes).toEqual([]);
  });

  it('accepts an emotion-mix widget in a wall layout, with defaults, and rejects bad options', () => {
    const base = { id: 'emo', type: 'emotion-mix' as const, x: 0, y: 0, w: 4, h: 3 };
    expect(wallWidgetSchema.parse(base)).toMatchObject({ options: { minutes: 60, topicId: null } });
    expect(() => wallWidgetSchema.parse({ ...base, options: { minutes: 1 } })).toThrow();
    expect(() => wallWidgetSchema.parse({ ...base, options: { colour: 'red' } })).toThrow();
  });
});
