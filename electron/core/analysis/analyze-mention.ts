/**
 * Everything the core works out about one mention before it is stored. The ingest pipeline calls
 * only this, so the understanding area can change how each part is computed in one place.
 *
 * - language: the source's own tag wins ("en-US" → "en"); otherwise detected (`language.ts`).
 * - sentiment: the shipped model plus this workspace's correction adjustments; 'unknown' where the
 *   language is one the model does not support (text with no letters, 'und', is scored: emoji and
 *   emoticons carry sentiment).
 * - emotion: the shipped emotion model (anger, joy, optimism, sadness) with a probability per
 *   class, in the same pass over the text as sentiment; 'unknown' where sentiment is.
 * - intents: the workspace's intent rules.
 * - clout and urgency from the post alone (followers, verified, engagement); the authors hook
 *   refines both with the author's stored history inside the batch transaction.
 */
import { DEFAULT_INTENT_RULES, type IntentRule } from '@shared/domain/intents';
import type { MentionEmotion } from '@shared/domain/emotion';
import type { MentionSentiment } from '@shared/domain/mention';
import { explainEmotion, loadShippedEmotionModel, type EmotionModel, type EmotionPush, type EmotionResult, type EmotionScores } from './emotion-model';
import { TextScorer } from './text-scorer';
import { computeClout, computeUrgency, DEFAULT_CLOUT_WEIGHTS, engagementOf, type CloutWeights } from '@shared/logic/clout';
import { compileIntentRules, matchIntents, type CompiledIntentRule, type IntentMatch } from '@shared/logic/intents';
import type { CheckedMention } from '../pipeline/mention-input';
import { detectLanguage, normalizeLanguageTag, UNDETERMINED } from './language';
import { explainText, loadShippedModel, type Adjustments, type SentimentExplanation, type SentimentModel } from './sentiment-model';
import { ANALYSIS_MAX_CHARS } from './text-features';

export interface MentionAnalysis {
  sentiment: MentionSentiment;
  sentimentScore: number;
  sentimentConfidence: number;
  emotion: MentionEmotion;
  /** Probability per emotion; null where the emotion is 'unknown'. */
  emotionScores: EmotionScores | null;
  intents: string[];
  clout: number;
  urgency: number;
  /** The source's language tag, else the detected one ('und' when undetermined). */
  lang: string;
}

export interface TextSentiment {
  label: MentionSentiment;
  score: number;
  confidence: number;
  language: string;
  languageSource: 'source' | 'detected';
  languageReason: string;
  supported: boolean;
  emotion: MentionEmotion;
  emotionScores: EmotionScores | null;
}

export interface TextAnalysis {
  sentiment: MentionSentiment;
  score: number;
  confidence: number;
  language: string;
  emotion: MentionEmotion;
  emotionScores: EmotionScores | null;
  intents: string[];
}

export interface AnalyzerOptions {
  model?: SentimentModel;
  emotionModel?: EmotionModel;
  adjustments?: Adjustments;
  intentRules?: readonly IntentRule[];
  cloutWeights?: CloutWeights;
}

export interface Analyzer {
  readonly model: SentimentModel;
  readonly emotionModel: EmotionModel;
  analyze(mention: CheckedMention, now?: number): MentionAnalysis;
  analyzeText(text: string, lang: string | null): TextAnalysis;
  sentiment(text: string, lang: string | null): TextSentiment;
  explain(
    text: string,
    lang: string | null,
  ): { sentiment: TextSentiment; model: SentimentExplanation | null; emotion: { result: EmotionResult; pushes: EmotionPush[] } | null; intents: IntentMatch[] };
  withAdjustments(adjustments: Adjustments): Analyzer;
  withIntentRules(rules: readonly IntentRule[]): Analyzer;
  withCloutWeights(weights: CloutWeights): Analyzer;
  readonly cloutWeights: CloutWeights;
  readonly intentRules: readonly IntentRule[];
  readonly adjustments: Adjustments;
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const model = options.model ?? loadShippedModel();
  const emotionModel = options.emotionModel ?? loadShippedEmotionModel();
  const adjustments: Adjustments = options.adjustments ?? new Map();
  const intentRules = options.intentRules ?? DEFAULT_INTENT_RULES;
  const compiled: CompiledIntentRule[] = compileIntentRules(intentRules);
  const cloutWeights = options.cloutWeights ?? DEFAULT_CLOUT_WEIGHTS;
  const scorer = new TextScorer(model, emotionModel, adjustments);
  const knownEnglish = (w: string): boolean => model.lexicon.has(w) || model.weights.has(w);

  const language = (text: string, lang: string | null): { language: string; source: 'source' | 'detected'; reason: string } => {
    const given = normalizeLanguageTag(lang);
    if (given && given !== UNDETERMINED) return { language: given, source: 'source', reason: `the source says "${lang}"` };
    const detected = detectLanguage(text, knownEnglish);
    return { language: detected.language, source: 'detected', reason: detected.reason };
  };

  const sentiment = (text: string, lang: string | null): TextSentiment => {
    const l = language(text, lang);
    const supported = l.language === UNDETERMINED || model.languages.has(l.language);
    const emotionSupported = l.language === UNDETERMINED || emotionModel.languages.has(l.language);
    if (!supported)
      return {
        label: 'unknown',
        score: 0,
        confidence: 0,
        language: l.language,
        languageSource: l.source,
        languageReason: l.reason,
        supported,
        emotion: 'unknown',
        emotionScores: null,
      };
    const both = scorer.score(text);
    const s = both.sentiment;
    const emotion = emotionSupported && both.emotion ? both.emotion : null;
    return {
      label: s.label,
      score: s.score,
      confidence: s.confidence,
      language: l.language,
      languageSource: l.source,
      languageReason: l.reason,
      supported,
      emotion: emotion?.emotion ?? 'unknown',
      emotionScores: emotion?.scores ?? null,
    };
  };

  const intentText = (text: string): string => (text.length > ANALYSIS_MAX_CHARS ? text.slice(0, ANALYSIS_MAX_CHARS) : text);

  const analyzer: Analyzer = {
    model,
    emotionModel,
    cloutWeights,
    intentRules,
    adjustments,
    analyze(mention, now = Date.now()) {
      const s = sentiment(mention.text, mention.lang);
      const { intents } = matchIntents(compiled, intentText(mention.text), s.label);
      const engagement = engagementOf(mention);
      const clout = computeClout(
        { followers: mention.authorFollowers ?? 0, engagement, verified: mention.authorVerified, mentionCount: 1, engagementTotal: engagement },
        cloutWeights,
      );
      const urgency = computeUrgency({
        sentiment: s.label,
        confidence: s.confidence,
        crisis: intents.includes('crisis'),
        clout,
        engagement,
        ageMs: now - mention.publishedAt,
      });
      return {
        sentiment: s.label,
        sentimentScore: s.score,
        sentimentConfidence: s.confidence,
        emotion: s.emotion,
        emotionScores: s.emotionScores,
        intents,
        clout,
        urgency,
        lang: s.language,
      };
    },
    analyzeText(text, lang) {
      const s = sentiment(text, lang);
      return {
        sentiment: s.label,
        score: s.score,
        confidence: s.confidence,
        language: s.language,
        emotion: s.emotion,
        emotionScores: s.emotionScores,
        intents: matchIntents(compiled, intentText(text), s.label).intents,
      };
    },
    sentiment,
    explain(text, lang) {
      const s = sentiment(text, lang);
      return {
        sentiment: s,
        model: s.supported ? explainText(model, text, adjustments) : null,
        emotion: s.emotion === 'unknown' ? null : explainEmotion(emotionModel, model.lexicons, text),
        intents: matchIntents(compiled, intentText(text), s.label).matches,
      };
    },
    withAdjustments: (next) => createAnalyzer({ model, emotionModel, adjustments: next, intentRules, cloutWeights }),
    withIntentRules: (next) => createAnalyzer({ model, emotionModel, adjustments, intentRules: next, cloutWeights }),
    withCloutWeights: (next) => createAnalyzer({ model, emotionModel, adjustments, intentRules, cloutWeights: next }),
  };
  return analyzer;
}

let defaultAnalyzer: Analyzer | null = null;

/** The shipped model with default rules: what a pipeline uses until its workspace installs its own. */
export function analyzeMention(mention: CheckedMention, now?: number): MentionAnalysis {
  defaultAnalyzer ??= createAnalyzer();
  return defaultAnalyzer.analyze(mention, now);
}
