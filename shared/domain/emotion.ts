/**
 * The emotions Earshot tells apart in a post (the four of TweetEval's emotion set, SemEval-2018
 * Task 1, which is what the shipped model is measured on). 'unknown' where the language is not
 * one the model supports.
 */
export const EMOTIONS = ['anger', 'joy', 'optimism', 'sadness'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type MentionEmotion = Emotion | 'unknown';

/** The model's probability per emotion (they sum to about 1). */
export type EmotionScores = Record<Emotion, number>;

/** How many mentions of one minute (and one topic, or all: topic 0) showed each emotion. */
export interface EmotionMinute {
  minute: number;
  topicId: number;
  anger: number;
  joy: number;
  optimism: number;
  sadness: number;
}

/** The topic id under which emotion counts of all mentions are kept. */
export const ALL_MENTIONS_TOPIC = 0;
