/**
 * The drill report: what fired when, who answered, how fast, against the scenario's targets. The
 * core gathers the facts (times are milliseconds after the drill started, real time); the judgement
 * against the targets is this pure function so it is tested on its own.
 */
import type { DrillScenario } from '../../contract/drill-schema';

export interface DrillReportAlert {
  id: number;
  title: string;
  severity: string;
  firedAfterMs: number;
  acknowledgedAfterMs: number | null;
  acknowledgedBy: string | null;
}

export interface DrillReportConversation {
  id: number;
  author: string;
  platform: string;
  openedAfterMs: number;
  /** From the conversation opening to the first reply sent, or null when nobody answered. */
  firstResponseMs: number | null;
  respondedBy: string | null;
  status: string;
}

export interface DrillReportAction {
  afterMs: number;
  actor: string;
  /** `alert` or `care`. */
  on: 'alert' | 'care';
  action: string;
  detail: string;
}

export interface DrillTargetResult {
  key: 'ackFirstAlert' | 'firstResponse' | 'respondedShare';
  label: string;
  target: string;
  actual: string;
  /** null when it could not be judged (no alert fired, no conversation opened). */
  met: boolean | null;
}

export interface DrillReport {
  runId: number;
  scenarioId: string;
  scenarioName: string;
  startedAt: number;
  stoppedAt: number;
  startedBy: string;
  stoppedBy: string;
  speed: number;
  /** `stopped` by someone, `finished` by itself, `interrupted` by a core restart. */
  ending: 'stopped' | 'finished' | 'interrupted';
  injected: number;
  alerts: DrillReportAlert[];
  conversations: DrillReportConversation[];
  actions: DrillReportAction[];
  /** Actions per person, busiest first. */
  people: { actor: string; alertActions: number; careActions: number }[];
  targets: DrillTargetResult[];
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m < 60) return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Judges the facts against the scenario's targets. */
export function judgeTargets(
  targets: DrillScenario['targets'],
  alerts: readonly DrillReportAlert[],
  conversations: readonly DrillReportConversation[],
): DrillTargetResult[] {
  const out: DrillTargetResult[] = [];
  const first = [...alerts].sort((a, b) => a.firedAfterMs - b.firedAfterMs || a.id - b.id)[0];
  const ackLimit = targets.ackFirstAlertMinutes * 60_000;
  if (!first) {
    out.push({
      key: 'ackFirstAlert',
      label: 'Time to acknowledge the first alert',
      target: `within ${formatDuration(ackLimit)}`,
      actual: 'no alert fired',
      met: null,
    });
  } else if (first.acknowledgedAfterMs === null) {
    out.push({
      key: 'ackFirstAlert',
      label: 'Time to acknowledge the first alert',
      target: `within ${formatDuration(ackLimit)}`,
      actual: 'never acknowledged',
      met: false,
    });
  } else {
    const took = first.acknowledgedAfterMs - first.firedAfterMs;
    out.push({
      key: 'ackFirstAlert',
      label: 'Time to acknowledge the first alert',
      target: `within ${formatDuration(ackLimit)}`,
      actual: formatDuration(took),
      met: took <= ackLimit,
    });
  }
  const responded = conversations.filter((c) => c.firstResponseMs !== null).map((c) => c.firstResponseMs!);
  const respLimit = targets.firstResponseMinutes * 60_000;
  const med = median(responded);
  out.push({
    key: 'firstResponse',
    label: 'Time to first response (median)',
    target: `within ${formatDuration(respLimit)}`,
    actual: med === null ? (conversations.length === 0 ? 'no conversation opened' : 'nobody was answered') : formatDuration(med),
    met: med === null ? (conversations.length === 0 ? null : false) : med <= respLimit,
  });
  const share = conversations.length === 0 ? null : responded.length / conversations.length;
  out.push({
    key: 'respondedShare',
    label: 'Conversations answered',
    target: `at least ${Math.round(targets.respondedShare * 100)}%`,
    actual: share === null ? 'no conversation opened' : `${Math.round(share * 100)}% (${responded.length} of ${conversations.length})`,
    met: share === null ? null : share + 1e-9 >= targets.respondedShare,
  });
  return out;
}
