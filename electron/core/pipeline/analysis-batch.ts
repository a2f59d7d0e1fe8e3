/**
 * A batch's scoring inputs and results packed into a few flat arrays, so a batch crosses between
 * threads as a handful of transferred buffers and string arrays instead of a thousand cloned
 * objects. Both sides of the analysis pool use these, and the packing is exact: every number
 * travels as the float64 it is, so a mention scored in a worker is stored exactly as one scored
 * on the writer's thread.
 */
import { DEFAULT_INTENT_RULES, type IntentRule } from '@shared/domain/intents';
import { EMOTIONS, type EmotionScores, type MentionEmotion } from '@shared/domain/emotion';
import type { MentionSentiment } from '@shared/domain/mention';
import { DEFAULT_CLOUT_WEIGHTS, type CloutWeights } from '@shared/logic/clout';
import { createAnalyzer, type Analyzer, type MentionAnalysis } from '../analysis/analyze-mention';
import { loadShippedEmotionModel, type EmotionModel } from '../analysis/emotion-model';
import { loadShippedModel, type Adjustments, type ClassVector, type SentimentModel } from '../analysis/sentiment-model';
import type { CheckedMention } from './mention-input';
import { packTexts, unpackTexts, type MentionText, type PackedTexts } from './mention-text';
import { matchTopics, type CompiledTopics } from './mention-topics';

/** Per mention in `numbers`: publishedAt, authorFollowers, likes, reposts, replies (NaN for null), verified (0/1). */
const IN_FIELDS = 6;
/** Per mention in `values`: sentimentScore, sentimentConfidence, clout, urgency, then one probability per emotion (NaN: no scores). */
export const OUT_FIELDS = 4 + EMOTIONS.length;

const SENTIMENTS: readonly MentionSentiment[] = ['negative', 'neutral', 'positive', 'unknown'];
const EMOTION_CODES: readonly MentionEmotion[] = [...EMOTIONS, 'unknown'];

export interface PackedMentions {
  texts: string[];
  langs: Array<string | null>;
  numbers: Float64Array<ArrayBuffer>;
  /** What topic queries read besides the text and language. */
  sourceId: string;
  urls: Array<string | null>;
  platforms: string[];
  handles: string[];
}

export interface PackedAnalysis {
  /** Per mention: the sentiment's index in SENTIMENTS, then the emotion's in EMOTION_CODES. */
  codes: Uint8Array<ArrayBuffer>;
  values: Float64Array<ArrayBuffer>;
  langs: string[];
  /** Every mention's intents, one after another; `intentCounts[i]` of them belong to mention i. */
  intents: string[];
  intentCounts: Uint16Array<ArrayBuffer>;
  /** The hooks' text work (stories, terms), done alongside the scores. */
  texts: PackedTexts;
  /** The topics each mention matches (`topicCounts[i]` ids each, one after another), with the topics' version; null without topics. */
  topics: { version: number; ids: Uint32Array<ArrayBuffer>; counts: Uint8Array<ArrayBuffer> } | null;
}

/** A batch's analyses and text work, one of each per mention in the mentions' order. */
export interface ScoredBatch {
  analyses: MentionAnalysis[];
  texts: MentionText[];
  /** The version of the topics `texts[i].topicIds` were matched against; null when they were not matched. */
  topicsVersion: number | null;
}

/**
 * What a worker needs to build the same analyzer as the writer's: models travel only when they
 * are not the shipped ones (each thread loads those itself), adjustments as entries.
 */
export interface AnalyzerSpec {
  model: SentimentModel | null;
  emotionModel: EmotionModel | null;
  adjustments: Array<[string, ClassVector]>;
  intentRules: readonly IntentRule[];
  cloutWeights: CloutWeights;
}

export function specOf(analyzer: Analyzer): AnalyzerSpec {
  return {
    model: analyzer.model === loadShippedModel() ? null : analyzer.model,
    emotionModel: analyzer.emotionModel === loadShippedEmotionModel() ? null : analyzer.emotionModel,
    adjustments: [...analyzer.adjustments],
    intentRules: analyzer.intentRules,
    cloutWeights: analyzer.cloutWeights,
  };
}

export function analyzerFromSpec(spec: AnalyzerSpec | null): Analyzer {
  if (spec === null) return createAnalyzer();
  const adjustments: Adjustments = new Map(spec.adjustments);
  return createAnalyzer({
    ...(spec.model ? { model: spec.model } : {}),
    ...(spec.emotionModel ? { emotionModel: spec.emotionModel } : {}),
    adjustments,
    intentRules: spec.intentRules ?? DEFAULT_INTENT_RULES,
    cloutWeights: spec.cloutWeights ?? DEFAULT_CLOUT_WEIGHTS,
  });
}

const orNaN = (n: number | null): number => (n === null ? Number.NaN : n);
const orNull = (n: number): number | null => (Number.isNaN(n) ? null : n);

/** The fields scoring reads, for mentions [from, to). */
export function packMentions(mentions: readonly CheckedMention[], from: number, to: number, sourceId: string): PackedMentions {
  const n = to - from;
  const texts = new Array<string>(n);
  const langs = new Array<string | null>(n);
  const urls = new Array<string | null>(n);
  const platforms = new Array<string>(n);
  const handles = new Array<string>(n);
  const numbers = new Float64Array(n * IN_FIELDS);
  for (let i = 0; i < n; i++) {
    const m = mentions[from + i]!;
    texts[i] = m.text;
    langs[i] = m.lang;
    urls[i] = m.url;
    platforms[i] = m.platform;
    handles[i] = m.authorHandle;
    const o = i * IN_FIELDS;
    numbers[o] = m.publishedAt;
    numbers[o + 1] = orNaN(m.authorFollowers);
    numbers[o + 2] = orNaN(m.likes);
    numbers[o + 3] = orNaN(m.reposts);
    numbers[o + 4] = orNaN(m.replies);
    numbers[o + 5] = m.authorVerified ? 1 : 0;
  }
  return { texts, langs, numbers, sourceId, urls, platforms, handles };
}

/**
 * Scores packed mentions with `analyzer` (the worker's side). Only the fields scoring reads are
 * filled in the mention handed to it; the others are not read (see analyze-mention.ts).
 */
export function scorePacked(analyzer: Analyzer, input: PackedMentions, now: number, topics: CompiledTopics | null = null): PackedAnalysis {
  const n = input.texts.length;
  const codes = new Uint8Array(n * 2);
  const values = new Float64Array(n * OUT_FIELDS);
  const langs = new Array<string>(n);
  const intents: string[] = [];
  const intentCounts = new Uint16Array(n);
  const topicIds: number[] = [];
  const topicCounts = new Uint8Array(n);
  // The stored mention as a topic query sees it: the language is the one analysis settles on.
  const matchable = { text: '', authorHandle: '', lang: null as string | null, sourceId: input.sourceId, url: null as string | null, platform: '' };
  const m: CheckedMention = {
    externalId: '',
    platform: 'other',
    text: '',
    publishedAt: 0,
    url: null,
    lang: null,
    authorHandle: '',
    authorName: null,
    authorFollowers: null,
    authorVerified: false,
    likes: null,
    reposts: null,
    replies: null,
    replyTo: null,
    episode: null,
  };
  for (let i = 0; i < n; i++) {
    const o = i * IN_FIELDS;
    m.text = input.texts[i]!;
    m.lang = input.langs[i]!;
    m.publishedAt = input.numbers[o]!;
    m.authorFollowers = orNull(input.numbers[o + 1]!);
    m.likes = orNull(input.numbers[o + 2]!);
    m.reposts = orNull(input.numbers[o + 3]!);
    m.replies = orNull(input.numbers[o + 4]!);
    m.authorVerified = input.numbers[o + 5] === 1;
    const a = analyzer.analyze(m, now);
    codes[i * 2] = SENTIMENTS.indexOf(a.sentiment);
    codes[i * 2 + 1] = EMOTION_CODES.indexOf(a.emotion);
    const v = i * OUT_FIELDS;
    values[v] = a.sentimentScore;
    values[v + 1] = a.sentimentConfidence;
    values[v + 2] = a.clout;
    values[v + 3] = a.urgency;
    for (let e = 0; e < EMOTIONS.length; e++) values[v + 4 + e] = a.emotionScores ? a.emotionScores[EMOTIONS[e]!] : Number.NaN;
    langs[i] = a.lang;
    intentCounts[i] = a.intents.length;
    for (const intent of a.intents) intents.push(intent);
    if (topics) {
      matchable.text = m.text;
      matchable.authorHandle = input.handles[i]!;
      matchable.lang = a.lang;
      matchable.url = input.urls[i]!;
      matchable.platform = input.platforms[i]!;
      const ids = matchTopics(topics.list, matchable);
      topicCounts[i] = ids.length;
      for (const id of ids) topicIds.push(id);
    }
  }
  return {
    codes,
    values,
    langs,
    intents,
    intentCounts,
    texts: packTexts(input.texts),
    topics: topics ? { version: topics.version, ids: Uint32Array.from(topicIds), counts: topicCounts } : null,
  };
}

/** Unpacks results back into one analysis and one text work per mention, in order (the writer's side). */
export function unpackAnalyses(parts: readonly PackedAnalysis[]): ScoredBatch {
  const out: MentionAnalysis[] = [];
  const texts: MentionText[] = [];
  // Every part was matched against the same topics, or the batch counts as not matched.
  const versions = new Set(parts.map((p) => (p.topics ? p.topics.version : null)));
  const topicsVersion = versions.size === 1 ? [...versions][0]! : null;
  for (const p of parts) {
    const first = texts.length;
    unpackTexts(p.texts, texts);
    if (topicsVersion !== null && p.topics) {
      for (let i = 0, next = 0; i < p.topics.counts.length; i++) {
        const count = p.topics.counts[i]!;
        texts[first + i]!.topicIds = Array.from(p.topics.ids.subarray(next, next + count));
        next += count;
      }
    }
    let next = 0;
    for (let i = 0; i < p.langs.length; i++) {
      const v = i * OUT_FIELDS;
      let emotionScores: EmotionScores | null = null;
      if (!Number.isNaN(p.values[v + 4]!)) {
        emotionScores = {} as EmotionScores;
        for (let e = 0; e < EMOTIONS.length; e++) emotionScores[EMOTIONS[e]!] = p.values[v + 4 + e]!;
      }
      const count = p.intentCounts[i]!;
      out.push({
        sentiment: SENTIMENTS[p.codes[i * 2]!]!,
        sentimentScore: p.values[v]!,
        sentimentConfidence: p.values[v + 1]!,
        emotion: EMOTION_CODES[p.codes[i * 2 + 1]!]!,
        emotionScores,
        intents: p.intents.slice(next, next + count),
        clout: p.values[v + 2]!,
        urgency: p.values[v + 3]!,
        lang: p.langs[i]!,
      });
      next += count;
    }
  }
  return { analyses: out, texts, topicsVersion };
}
