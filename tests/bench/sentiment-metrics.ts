/** Accuracy, macro-F1 and per-class recall over the three sentiment classes ('unknown' counts as wrong). */
import { SENTIMENT_LABELS, type MentionSentiment, type SentimentLabel } from '@shared/domain/mention';

export interface ClassMetrics {
  accuracy: number;
  macroF1: number;
  recall: Record<SentimentLabel, number>;
}

export function metrics(truth: readonly SentimentLabel[], predicted: readonly MentionSentiment[]): ClassMetrics {
  let correct = 0;
  const recall = {} as Record<SentimentLabel, number>;
  let f1Sum = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) correct++;
  for (const label of SENTIMENT_LABELS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      if (predicted[i] === label && truth[i] === label) tp++;
      else if (predicted[i] === label) fp++;
      else if (truth[i] === label) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = tp + fn === 0 ? 0 : tp / (tp + fn);
    recall[label] = r;
    f1Sum += precision + r === 0 ? 0 : (2 * precision * r) / (precision + r);
  }
  return { accuracy: correct / truth.length, macroF1: f1Sum / SENTIMENT_LABELS.length, recall };
}
