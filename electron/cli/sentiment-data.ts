/**
 * The labelled data sets sentiment is trained and measured on, read the same way by
 * `train-sentiment.ts` and `tests/bench/sentiment.bench.ts`, so training and evaluation agree on
 * the split.
 *
 * Airline tweets (`../shared/data/airline-tweets.csv`): de-duplicated by `tweet_id` (the first row
 * of an id wins), then split by a hash of the id: FNV-1a 32-bit of the id's decimal string, modulo
 * 5; remainder 0 is the TEST split (about 20%), the rest is TRAIN. The split depends only on the id,
 * so it is the same on every machine and does not move when rows are added or reordered.
 *
 * VADER tweets (`../shared/data/vader-tweets-ground-truth.tsv`): `id <TAB> mean rating -4…+4 <TAB>
 * text`. Mapped to three classes with a band of ±0.5 around zero (a mean rating within half a
 * point of neutral on the 9-point scale is "neutral").
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { SentimentLabel } from '@shared/domain/mention';

export interface LabelledText {
  id: string;
  label: SentimentLabel;
  text: string;
}

export const SPLIT_MODULUS = 5;
export const VADER_NEUTRAL_BAND = 0.5;

export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function isTestId(id: string): boolean {
  return fnv1a32(id) % SPLIT_MODULUS === 0;
}

const LABELS = new Set<string>(['negative', 'neutral', 'positive']);

export function readAirline(file: string): LabelledText[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
  const seen = new Set<string>();
  const out: LabelledText[] = [];
  for (const r of rows) {
    const id = r.tweet_id?.trim();
    const label = r.airline_sentiment?.trim();
    if (!id || !label || !LABELS.has(label) || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, label: label as SentimentLabel, text: r.text ?? '' });
  }
  return out;
}

export function splitAirline(rows: readonly LabelledText[]): { train: LabelledText[]; test: LabelledText[] } {
  const train: LabelledText[] = [];
  const test: LabelledText[] = [];
  for (const r of rows) (isTestId(r.id) ? test : train).push(r);
  return { train, test };
}

export function readVaderTweets(file: string): LabelledText[] {
  const out: LabelledText[] = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [id, rating, ...rest] = line.split('\t');
    const value = Number(rating);
    if (!id || !Number.isFinite(value)) continue;
    const label: SentimentLabel = value > VADER_NEUTRAL_BAND ? 'positive' : value < -VADER_NEUTRAL_BAND ? 'negative' : 'neutral';
    out.push({ id, label, text: rest.join('\t') });
  }
  return out;
}

/**
 * Airline tweets in three parts: TEST as above (hash mod 5 == 0, the reported airline figure),
 * VALIDATION (hash mod 5 == 1, for choosing settings), TRAIN the rest.
 */
export function splitAirline3(rows: readonly LabelledText[]): { train: LabelledText[]; validation: LabelledText[]; test: LabelledText[] } {
  const train: LabelledText[] = [];
  const validation: LabelledText[] = [];
  const test: LabelledText[] = [];
  for (const r of rows) {
    const bucket = fnv1a32(r.id) % SPLIT_MODULUS;
    (bucket === 0 ? test : bucket === 1 ? validation : train).push(r);
  }
  return { train, validation, test };
}

/** VADER tweets: TEST is hash mod 5 == 0 of `vader:<id>` (the sanity figure); the rest may train. */
export function splitVaderTweets(rows: readonly LabelledText[]): { train: LabelledText[]; test: LabelledText[] } {
  const train: LabelledText[] = [];
  const test: LabelledText[] = [];
  for (const r of rows) (fnv1a32(`vader:${r.id}`) % SPLIT_MODULUS === 0 ? test : train).push(r);
  return { train, test };
}

/** A TweetEval split: `<name>_text.txt` and `<name>_labels.txt`, one tweet (and one class index) per line. */
export interface TweetEvalRow {
  /** Line number from 1, as a string. */
  id: string;
  text: string;
  label: number;
}

export function readTweetEval(dir: string, name: string, classes: number): TweetEvalRow[] {
  const texts = readFileSync(`${dir}/${name}_text.txt`, 'utf8').split('\n');
  const labels = readFileSync(`${dir}/${name}_labels.txt`, 'utf8').split('\n');
  const out: TweetEvalRow[] = [];
  for (let i = 0; i < labels.length; i++) {
    const raw = labels[i]!.trim();
    if (raw === '') continue;
    const label = Number(raw);
    if (!Number.isInteger(label) || label < 0 || label >= classes)
      throw new Error(`${dir}/${name}_labels.txt line ${i + 1}: "${raw}" is not a class from 0 to ${classes - 1}`);
    const text = texts[i];
    if (text === undefined) throw new Error(`${dir}/${name}_text.txt has fewer lines than its labels (${i + 1})`);
    out.push({ id: String(i + 1), text: text.trimEnd(), label });
  }
  return out;
}

const SENTIMENT_BY_INDEX: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

/** Folds of the general-tweet cross-validation. */
export const GENERAL_FOLDS = 5;

export interface FoldedText extends LabelledText {
  /** 0 … GENERAL_FOLDS-1: the fold this tweet is held out in. */
  fold: number;
}

/**
 * TweetEval sentiment_val (general tweets) in GENERAL_FOLDS folds by a hash of
 * `tweeteval-sentiment:<line>`. They are the only general tweets with a neutral class at hand, so
 * every fold is trained on in turn and every setting is chosen on the cross-validated figure (each
 * tweet predicted by the model that did not see it); the shipped model then trains on all folds.
 * The real general-tweet test set is kept aside by the project's owners.
 */
export function foldTweetEvalSentiment(rows: readonly TweetEvalRow[]): FoldedText[] {
  return rows.map((r) => ({ id: r.id, label: SENTIMENT_BY_INDEX[r.label]!, text: r.text, fold: fnv1a32(`tweeteval-sentiment:${r.id}`) % GENERAL_FOLDS }));
}

export const EMOTION_CLASSES = ['anger', 'joy', 'optimism', 'sadness'] as const;
export type EmotionClass = (typeof EMOTION_CLASSES)[number];

/** Emotion tweets as sentiment examples: anger and sadness are negative, joy and optimism positive. */
export function emotionAsSentiment(rows: readonly TweetEvalRow[]): LabelledText[] {
  return rows.map((r) => ({ id: `emotion:${r.id}`, text: r.text, label: r.label === 0 || r.label === 3 ? 'negative' : 'positive' }));
}
