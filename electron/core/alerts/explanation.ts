/** Why an alert fired: the detector's explanation plus the contributing mentions and their top terms. */
import type { AlertExplanation, AlertOpening } from '../../../shared/domain/alert';
import type { AlertRule } from '../../../shared/domain/alert-rule';
import type { Signal } from '../../../shared/logic/alerts/signal';
import { topTerms } from '../../../shared/logic/alerts/terms';
import type { Store } from '../store/store';

export interface Explained {
  explanation: AlertExplanation;
  evidence: number[];
}

/** `id` is the alert's, for the link back to it; null while the alert is not stored yet. */
export function explainSignal(store: Store, rule: AlertRule, signal: Signal, id: number | null): Explained {
  let evidence = signal.evidence;
  let texts: string[] = [];
  if (signal.window) {
    const contributing = store.alerting.contributing(rule.topicId, signal.window.from, signal.window.to, 200);
    const negativeFirst = rule.params.kind === 'negative-surge' ? contributing.filter((m) => m.sentiment === 'negative') : contributing;
    evidence = negativeFirst.slice(0, 10).map((m) => m.id);
    texts = negativeFirst.map((m) => m.text);
  } else if (evidence.length > 0) {
    texts = store.mentions.byIds(evidence.slice(0, 50)).map((m) => m.text);
  }
  return {
    explanation: { ...signal.explanation, terms: topTerms(texts, 6), link: id === null ? '' : `#/alerts?alert=${id}` },
    evidence,
  };
}

/** What the alert shows as it opens, kept beside the current state that later refreshes overwrite. */
export function openingOf(signal: Signal, evidence: readonly number[], at: number): AlertOpening {
  const e = signal.explanation;
  return {
    at, severity: signal.severity, detail: signal.detail, measure: e.measure, observed: e.observed, expected: e.expected,
    bandHigh: e.bandHigh, windowMinutes: e.windowMinutes, evidence: evidence.slice(0, 20),
  };
}
