/** What a topic stands for; share of voice compares a brand with its competitors. */
export const TOPIC_KINDS = ['brand', 'competitor', 'campaign', 'product', 'other'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

/** Something the team listens for, defined by a Boolean query (see the query language in docs/topics.md). */
export interface Topic {
  id: number;
  name: string;
  kind: TopicKind;
  query: string;
  /** A CSS colour for charts; null lets the renderer pick one from its palette. */
  color: string | null;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** One minute of one topic's volume; `minute` is the bucket start in epoch ms. */
export interface TopicMinuteBucket {
  minute: number;
  topicId: number;
  total: number;
  positive: number;
  neutral: number;
  negative: number;
  reach: number;
}
