/**
 * The emotions Earshot tells apart in a post (the four of TweetEval's emotion set, SemEval-2018
 * Task 1, which is what the shipped model is measured on). 'unknown' where the language is not
 * one the model supports.
 */
export const EMOTIONS = ['anger', 'joy', 'optimism', 'sadness'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type MentionEmotion = Emotion | 'unknown';
