/** Why a mention got its sentiment and intents, as the console shows it. */
import type { Emotion, EmotionScores } from './emotion';
import type { IntentRule } from './intents';
import type { Mention, MentionSentiment, SentimentLabel } from './mention';

export interface FeaturePush {
  /** A word ("delayed"), a negated word ("not_good"), a bigram ("on hold") or a rule feature ("$lex_compound"). */
  feature: string;
  /** Plain words for a rule feature, else null. */
  description: string | null;
  value: number;
  /** value × weight for negative, neutral, positive. */
  perClass: [number, number, number];
  toward: SentimentLabel;
  strength: number;
  /** Includes an adjustment learned from this workspace's corrections. */
  adjusted: boolean;
}

export interface MentionExplanation {
  mention: Mention;
  /** What the model says now (with this workspace's adjustments), which may differ from the stored label after a correction. */
  model: {
    label: MentionSentiment;
    score: number;
    confidence: number;
    probabilities: [number, number, number] | null;
    bias: [number, number, number] | null;
  };
  language: { code: string; source: 'source' | 'detected'; reason: string; supported: boolean };
  /** Strongest first. */
  pushes: FeaturePush[];
  /** Rules of the lexicon pass that changed something ("negation: not … good", "contrast: …"). */
  rules: string[];
  /** Words the lexicon scored, after the rules. */
  lexiconHits: Array<{ token: string; valence: number }>;
  intents: Array<{ intent: IntentRule['intent']; ruleId: string; matched: string | null }>;
  /** The emotion model's view: probability per emotion and its strongest pushes; null where emotion is unknown. */
  emotion?: {
    label: Emotion;
    scores: EmotionScores;
    pushes: Array<{ feature: string; description: string | null; toward: Emotion; strength: number }>;
  } | null;
  /** The latest correction of this mention, if any. */
  correction: { label: SentimentLabel; previousLabel: MentionSentiment; by: string; at: number } | null;
  cloutParts: Record<string, number>;
  urgencyParts: { negativity: number; influence: number; spread: number };
}

export const RULE_FEATURE_DESCRIPTIONS: Record<string, string> = {
  $lex_pos: 'positive words in the lexicon (after negation, intensifiers, contrast)',
  $lex_neg: 'negative words in the lexicon (after negation, intensifiers, contrast)',
  $lex_compound: 'overall lexicon score (-1 … 1)',
  $lex_leans_pos: 'the lexicon score leans positive',
  $lex_leans_neg: 'the lexicon score leans negative',
  $question: 'asks a question',
  $exclaim: 'exclamation marks',
  $elongated: 'stretched words ("sooo")',
  $shouting: 'words in capitals',
  $hashtags: 'hashtags',
  $mentions: 'mentions other accounts',
  $url: 'contains a link',
  $emoji_pos: 'positive emoji',
  $emoji_neg: 'negative emoji',
  $afinn_pos: 'positive words in the AFINN lexicon',
  $afinn_neg: 'negative words in the AFINN lexicon',
  $char_ngrams: 'pieces of the spelling (character n-grams) of all the words together',
  $negated: 'a negation flipped a sentiment word',
  $no_words: 'no words at all (emoji, symbols or links only)',
};
