/** Sums a batch's emotions per (minute, topic) so the table sees one upsert per bucket, not per mention. */
import { ALL_MENTIONS_TOPIC, type EmotionMinute } from '@shared/domain/emotion';
import type { Mention } from '@shared/domain/mention';
import { floorToMinute } from '@shared/logic/time';

/** `topicsOf` gives the topic ids each mention counts under; every mention also counts under topic 0. */
export function rollUpEmotions(mentions: readonly Mention[], topicsOf: (m: Mention) => readonly number[] = () => []): EmotionMinute[] {
  const buckets = new Map<string, EmotionMinute>();
  const add = (minute: number, topicId: number, emotion: keyof Omit<EmotionMinute, 'minute' | 'topicId'>): void => {
    const key = `${topicId}:${minute}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { minute, topicId, anger: 0, joy: 0, optimism: 0, sadness: 0 }));
    b[emotion] += 1;
  };
  for (const m of mentions) {
    const emotion = m.emotion;
    if (emotion === undefined || emotion === 'unknown') continue;
    const minute = floorToMinute(m.publishedAt);
    add(minute, ALL_MENTIONS_TOPIC, emotion);
    for (const topicId of topicsOf(m)) add(minute, topicId, emotion);
  }
  return [...buckets.values()];
}
