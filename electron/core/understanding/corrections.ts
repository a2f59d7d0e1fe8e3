/**
 * Corrections in the evaluation: how often the shipped model agrees with what people corrected
 * to, and how the adapted model does on each correction when that correction is held out of its
 * own adaptation (leave-one-out), so the figure is not the model grading its own homework.
 */
import type { Db } from '../store/database';
import { understandingQueries } from '../store/queries/understanding';
import type { SentimentModel } from '../analysis/sentiment-model';
import { scoreText } from '../analysis/text-scorer';
import { learnAdjustments } from './adaptation';

export interface CorrectionsEvaluation {
  count: number;
  baseAccuracy: number;
  heldOutAccuracy: number;
}

/** Largest number of corrections leave-one-out retrains over (each fold re-learns from the rest). */
const MAX_HELD_OUT = 500;

export function evaluateCorrections(db: Db, model: SentimentModel): CorrectionsEvaluation {
  const examples = understandingQueries(db).correctionExamples();
  if (examples.length === 0) return { count: 0, baseAccuracy: 0, heldOutAccuracy: 0 };
  let base = 0;
  for (const e of examples) if (scoreText(model, e.text).label === e.label) base++;
  const folds = examples.slice(-MAX_HELD_OUT);
  let held = 0;
  folds.forEach((e, i) => {
    const rest = folds.filter((_, j) => j !== i);
    if (scoreText(model, e.text, learnAdjustments(model, rest)).label === e.label) held++;
  });
  return { count: examples.length, baseAccuracy: base / examples.length, heldOutAccuracy: held / folds.length };
}
