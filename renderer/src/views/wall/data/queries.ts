/**
 * The queries wall widgets are fed by: each a snapshot call plus the pushes that keep it current,
 * and in replay the matching `review.*` call at the replay's moment.
 */
import type { Mention } from '@shared/domain/mention';
import type { Topic, TopicMinuteBucket } from '@shared/domain/topic';
import type { MinuteBucket, TopAuthor } from '@shared/domain/volume';
import { mergeMentions } from '@shared/logic/mention-feed';
import { fillMinuteWindow } from '@shared/logic/volume';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import { useLive, type Live } from '../../../data/use-live';

export { useOpenAlerts, useSources } from '../../../data/alerts-and-sources';

/** Charts of per-minute counts redraw at most this often; the ticker and alerts stay immediate. */
const CHART_COALESCE_MS = 2_000;

/** Per-minute volume over the last `minutes`, oldest first, zeros filled; one topic or everything. */
export function useVolume(minutes: number, topicId: number | null): Live<MinuteBucket[]> {
  return useLive<MinuteBucket[]>(
    topicId === null
      ? {
          key: `volume:${minutes}`,
          load: async (client) => (await client.call('volume.recent', { minutes })).buckets,
          replay: async (client, { workspace, at }) =>
            fillMinuteWindow((await client.call('review.volume', { workspace, at, minutes, topicId: null })).buckets, at, minutes),
          deltas: [{ topic: 'volume.delta', apply: (current, payload, now) => fillMinuteWindow([...(current ?? []), ...payload.buckets], now, minutes) }],
          coalesceMs: CHART_COALESCE_MS,
        }
      : {
          key: `topic-volume:${minutes}:${topicId}`,
          load: async (client) => {
            const r = await client.call('topics.volume', { minutes });
            return fillMinuteWindow(
              r.buckets.filter((b) => b.topicId === topicId),
              r.serverTime,
              minutes,
            );
          },
          replay: async (client, { workspace, at }) =>
            fillMinuteWindow((await client.call('review.volume', { workspace, at, minutes, topicId })).buckets, at, minutes),
          deltas: [
            {
              topic: 'topics.volume.delta',
              apply: (current, payload, now) => {
                const mine = payload.buckets.filter((b) => b.topicId === topicId);
                return mine.length === 0 ? fillMinuteWindow(current ?? [], now, minutes) : fillMinuteWindow([...(current ?? []), ...mine], now, minutes);
              },
            },
          ],
          coalesceMs: CHART_COALESCE_MS,
        },
  );
}

/** Every topic's minute buckets over the window, keyed `${minute}:${topicId}` (replace by key). */
export function useTopicsVolume(minutes: number): Live<TopicMinuteBucket[]> {
  const trim = (buckets: Iterable<TopicMinuteBucket>, now: number): TopicMinuteBucket[] => {
    const from = floorToMinute(now) - (minutes - 1) * MINUTE_MS;
    const byKey = new Map<string, TopicMinuteBucket>();
    for (const b of buckets) if (b.minute >= from) byKey.set(`${b.minute}:${b.topicId}`, b);
    return [...byKey.values()].sort((a, b) => a.minute - b.minute || a.topicId - b.topicId);
  };
  return useLive<TopicMinuteBucket[]>({
    key: `topics-volume:${minutes}`,
    load: async (client) => {
      const r = await client.call('topics.volume', { minutes });
      return trim(r.buckets, r.serverTime);
    },
    replay: async (client, { workspace, at }) => trim((await client.call('review.topicsVolume', { workspace, at, minutes })).buckets, at),
    deltas: [{ topic: 'topics.volume.delta', apply: (current, payload, now) => trim([...(current ?? []), ...payload.buckets], now) }],
    coalesceMs: CHART_COALESCE_MS,
  });
}

export function useTopics(): Live<Topic[]> {
  return useLive<Topic[]>({
    key: 'topics',
    load: async (client) => (await client.call('topics.list', {})).topics,
    replay: async (client, { workspace }) => (await client.call('review.topics', { workspace })).topics,
    deltas: [{ topic: 'topics.changed', apply: (_current, payload) => payload.topics }],
  });
}

export function useRecentMentions(): Live<Mention[]> {
  return useLive<Mention[]>({
    key: 'mentions',
    load: async (client) => (await client.call('mentions.recent', { limit: 100 })).mentions,
    replay: async (client, { workspace, at }) => (await client.call('review.mentions', { workspace, at, limit: 100 })).mentions,
    deltas: [{ topic: 'mentions.new', apply: (current, payload) => mergeMentions(current ?? [], payload.mentions, 100) }],
  });
}

/** The push carries the default 15-minute window; other windows re-load on a timer. */
export function useTopAuthors(windowMinutes: number, limit: number): Live<TopAuthor[]> {
  return useLive<TopAuthor[]>({
    key: `authors:${windowMinutes}:${limit}`,
    load: async (client) => (await client.call('authors.top', { windowMinutes, limit })).authors,
    replay: async (client, { workspace, at }) => (await client.call('review.authorsTop', { workspace, at, windowMinutes, limit })).authors,
    deltas: [{ topic: 'authors.top', apply: (current, payload) => (payload.windowMinutes === windowMinutes ? payload.authors.slice(0, limit) : current) }],
    refreshMs: 15_000,
  });
}
