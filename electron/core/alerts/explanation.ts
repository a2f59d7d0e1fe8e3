/** Why an alert fired: the detector's explanation plus the contributing mentions and their top terms. */
import type { AlertExplanation, AlertOpening } from '@shared/domain/alert';
import type { AlertRule } from '@shared/domain/alert-rule';
import type { Signal } from '@shared/logic/alerts/signal';
import { quote } from '@shared/logic/alerts/detectors';
import { topTerms } from '@shared/logic/alerts/terms';
import { spikeSummaryText } from '@shared/logic/stories/spike-summary';
import { MINUTE_MS } from '@shared/logic/time';
import type { Store } from '../store/store';
import { emotionShifts } from './emotion-shift';
import { spamExcluded } from '../stories/spam-setting';

export interface Explained {
  explanation: AlertExplanation;
  evidence: number[];
}

/** `id` is the alert's, for the link back to it; null while the alert is not stored yet. */
export function explainSignal(store: Store, rule: AlertRule, signal: Signal, id: number | null): Explained {
  let evidence = signal.evidence;
  let texts: string[] = [];
  let emotions: string[] = [];
  if (signal.window) {
    emotions = emotionShifts(store, rule.topicId, signal.window.from, signal.window.to);
    const contributing = store.alerting.contributing(rule.topicId, signal.window.from, signal.window.to, 200);
    const negativeFirst = rule.params.kind === 'negative-surge' ? contributing.filter((m) => m.sentiment === 'negative') : contributing;
    evidence = negativeFirst.slice(0, 10).map((m) => m.id);
    texts = negativeFirst.map((m) => m.text);
  } else if (evidence.length > 0) {
    texts = store.mentions.byIds(evidence.slice(0, 50)).map((m) => m.text);
  }
  const terms = topTerms(texts, 6);
  return {
    explanation: {
      ...signal.explanation,
      terms,
      emotions,
      link: id === null ? '' : `#/alerts?alert=${id}`,
      ...(signal.window ? storiesOfSpike(store, rule.topicId, signal.window, terms) : {}),
      ...(signal.window ? spamOfWindow(store, rule.topicId, signal.window) : {}),
    },
    evidence,
  };
}

/** The stories that drove a window's posts and the spike's plain-language summary. */
export function storiesOfSpike(
  store: Store,
  topicId: number | null,
  window: { from: number; to: number },
  terms: readonly string[],
): Pick<AlertExplanation, 'stories' | 'summary'> {
  const stories = store.stories.top(topicId, window.from, window.to, 3);
  const { posts, reposts } = store.stories.window(topicId, window.from, window.to);
  const authors = store.stories.authorsByReach(topicId, window.from, window.to, 3);
  const minutes = Math.max(1, Math.round((window.to - window.from) / MINUTE_MS));
  return {
    stories: stories.map((s) => ({ id: s.id, text: quote(s.firstText, 200), author: s.firstAuthor, posts: s.inWindow })),
    summary: spikeSummaryText({ posts, minutes, stories, risingTerms: terms, authors, repostShare: posts === 0 ? 0 : reposts / posts }, window.from),
  };
}

/** What the alert shows as it opens, kept beside the current state that later refreshes overwrite. */
export function openingOf(signal: Signal, evidence: readonly number[], at: number): AlertOpening {
  const e = signal.explanation;
  return {
    at,
    severity: signal.severity,
    detail: signal.detail,
    measure: e.measure,
    observed: e.observed,
    expected: e.expected,
    bandHigh: e.bandHigh,
    windowMinutes: e.windowMinutes,
    evidence: evidence.slice(0, 20),
  };
}

/** Flagged posts in the window: the explanation says whether the counts left them out, and why they were flagged. */
export function spamOfWindow(store: Store, topicId: number | null, window: { from: number; to: number }): Pick<AlertExplanation, 'spam'> {
  const reasons = store.flags.reasons(topicId, window.from, window.to);
  if (reasons.length === 0) return {};
  return { spam: { excluded: spamExcluded(store, topicId), posts: reasons.reduce((n, r) => n + r.posts, 0), reasons: reasons.slice(0, 3) } };
}
