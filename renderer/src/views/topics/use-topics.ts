import { useMemo } from 'react';
import type { TopicShare } from '@shared/contract/areas/topics';
import type { Topic } from '@shared/domain/topic';
import { useLive, type LiveQuery } from '../../data/use-live';
import { useQuery } from '../../data/use-query';

const byName = (a: Topic, b: Topic): number => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id - b.id;

/**
 * Every topic, enabled or not, by name: the list on every (re)connection, then `topics.changed`
 * (which carries the whole list). Configuration, so it stays live in a replay.
 */
export function useTopicList(): LiveQuery<Topic[]> {
  return useLive<Topic[]>({
    key: 'topics.list',
    load: async (client) => [...(await client.call('topics.list', {})).topics].sort(byName),
    deltas: [{ topic: 'topics.changed', apply: (_current, payload) => [...payload.topics].sort(byName) }],
  });
}

/**
 * Each topic's mentions over the last `minutes`, refreshed every few seconds and whenever the
 * topic list changes (a new topic's history is tagged in the background, then pushed as changed).
 */
export function useShareOfVoice(minutes: number, everyMs = 5_000): Map<number, TopicShare> {
  const { data } = useQuery('topics.shareOfVoice', { minutes }, { refreshOn: ['topics.changed'], refreshMs: everyMs });
  return useMemo(() => new Map((data?.topics ?? []).map((t) => [t.topicId, t])), [data]);
}
