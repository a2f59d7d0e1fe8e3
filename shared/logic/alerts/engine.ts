/**
 * The thin stateful layer between detectors and alerts, per (rule, key):
 *  - must persist for: the condition has to hold at every evaluation for `persistMinutes` before an
 *    alert opens (per-mention rules are events and open at once);
 *  - cooldown: once an alert has opened, the same rule and key opens no new one for `cooldownMinutes`
 *    (a condition that continues just updates the open alert), unless a critical signal follows a
 *    non-critical alert: a crisis is never held back by the cooldown of a warning;
 *  - quiet hours: inside them only critical signals open alerts; the others are counted as suppressed;
 *  - resolution: an open alert resolves once its condition has been false for `resolveAfterMs(kind)`.
 * It is pure: state in, decisions out. The live service keeps one `EngineState` per rule; the
 * backtest builds a fresh one and replays time through it.
 */
import type { AlertSeverity } from '../../domain/alert';
import { RULE_KIND_SPECS } from '../../contract/alert-rule-kinds';
import { RULE_KINDS, type AlertRuleInput, type QuietHours, type RuleKind } from '../../domain/alert-rule';
import { MINUTE_MS } from '../time';
import type { Signal } from './signal';

export interface KeyState {
  /** Since when the condition has held without a break; null while it does not. */
  trueSince: number | null;
  lastTrueAt: number | null;
  /** An alert for this key is open. */
  open: boolean;
  openSeverity: AlertSeverity | null;
  lastOpenedAt: number | null;
  /** The severity the last alert opened with: a critical signal breaks through a lesser one's cooldown. */
  lastOpenedSeverity: AlertSeverity | null;
  /** A suppressed firing was already reported for the current run of the condition. */
  suppressedReported: boolean;
}

export type EngineState = Map<string, KeyState>;

export type Decision =
  | { type: 'open'; key: string; signal: Signal }
  | { type: 'update'; key: string; signal: Signal; escalated: boolean }
  | { type: 'resolve'; key: string }
  | { type: 'suppressed'; key: string; signal: Signal; reason: 'quiet-hours' };

/** Rules whose signals are events (a post, a match) rather than a continuing condition (see the rule-kind registry). */
export const EVENT_RULES: ReadonlySet<RuleKind> = new Set(RULE_KINDS.filter((kind) => RULE_KIND_SPECS[kind].signals === 'event'));

/** How long a condition must have been false before its alert resolves itself (the kind's registry entry). */
export function resolveAfterMs(kind: RuleKind): number {
  return RULE_KIND_SPECS[kind].resolveAfterMinutes * MINUTE_MS;
}

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

export function moreSevere(a: AlertSeverity, b: AlertSeverity): AlertSeverity {
  return RANK[a] >= RANK[b] ? a : b;
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Whether `at` falls in the quiet hours, in local wall-clock time given by `utcOffsetMinutes`
 * (minutes to add to UTC; the local machine's by default). "22:00"–"07:00" spans midnight.
 */
export function inQuietHours(quiet: QuietHours | null, at: number, utcOffsetMinutes: (at: number) => number = localOffset): boolean {
  if (!quiet) return false;
  const local = Math.floor((at + utcOffsetMinutes(at) * MINUTE_MS) / MINUTE_MS);
  const minuteOfDay = ((local % 1440) + 1440) % 1440;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

export function localOffset(at: number): number {
  return -new Date(at).getTimezoneOffset();
}

type RuleSettings = Pick<AlertRuleInput, 'persistMinutes' | 'cooldownMinutes' | 'quietHours'> & { kind: RuleKind };

export interface StepOptions {
  utcOffsetMinutes?: (at: number) => number;
}

function fresh(): KeyState {
  return { trueSince: null, lastTrueAt: null, open: false, openSeverity: null, lastOpenedAt: null, lastOpenedSeverity: null, suppressedReported: false };
}

/** One evaluation of one rule at `now` with the signals its detector returned. Mutates `state`. */
export function step(rule: RuleSettings, signals: readonly Signal[], now: number, state: EngineState, options: StepOptions = {}): Decision[] {
  const decisions: Decision[] = [];
  const persistMs = EVENT_RULES.has(rule.kind) ? 0 : rule.persistMinutes * MINUTE_MS;
  const cooldownMs = rule.cooldownMinutes * MINUTE_MS;
  const quiet = inQuietHours(rule.quietHours, now, options.utcOffsetMinutes);
  const holding = new Set<string>();

  for (const signal of signals) {
    if (holding.has(signal.key)) continue;
    holding.add(signal.key);
    let s = state.get(signal.key);
    if (!s) {
      s = fresh();
      state.set(signal.key, s);
    }
    s.trueSince ??= now;
    s.lastTrueAt = now;
    if (s.open) {
      const escalated = s.openSeverity !== null && RANK[signal.severity] > RANK[s.openSeverity];
      if (escalated) s.openSeverity = signal.severity;
      decisions.push({ type: 'update', key: signal.key, signal, escalated });
      continue;
    }
    if (now - s.trueSince < persistMs) continue;
    const breaksThrough = signal.severity === 'critical' && s.lastOpenedSeverity !== 'critical';
    if (s.lastOpenedAt !== null && now - s.lastOpenedAt < cooldownMs && !breaksThrough) continue;
    if (quiet && signal.severity !== 'critical') {
      if (!s.suppressedReported) decisions.push({ type: 'suppressed', key: signal.key, signal, reason: 'quiet-hours' });
      s.suppressedReported = true;
      continue;
    }
    s.open = true;
    s.openSeverity = signal.severity;
    s.lastOpenedAt = now;
    s.lastOpenedSeverity = signal.severity;
    s.suppressedReported = false;
    decisions.push({ type: 'open', key: signal.key, signal });
  }

  const resolveMs = resolveAfterMs(rule.kind);
  for (const [key, s] of state) {
    if (holding.has(key)) continue;
    s.trueSince = null;
    s.suppressedReported = false;
    if (s.open && now - (s.lastTrueAt ?? now) >= resolveMs) {
      s.open = false;
      s.openSeverity = null;
      decisions.push({ type: 'resolve', key });
    }
    if (!s.open && (s.lastOpenedAt === null || now - s.lastOpenedAt >= cooldownMs)) state.delete(key);
  }
  return decisions;
}

/** Tells the engine an alert for `key` was closed from outside (resolved by hand). */
export function markClosed(state: EngineState, key: string): void {
  const s = state.get(key);
  if (s) {
    s.open = false;
    s.openSeverity = null;
  }
}

/** Tells the engine an alert for `key` is open (after a restart, from the stored open alerts). */
export function markOpen(state: EngineState, key: string, severity: AlertSeverity, openedAt: number, lastTrueAt: number): void {
  state.set(key, {
    trueSince: null,
    lastTrueAt,
    open: true,
    openSeverity: severity,
    lastOpenedAt: openedAt,
    lastOpenedSeverity: severity,
    suppressedReported: false,
  });
}

/** Incidents group firings of one topic that come within this long of the incident's last firing. */
export const INCIDENT_WINDOW_MS = 30 * MINUTE_MS;

export interface IncidentRef {
  id: number;
  topicId: number | null;
  lastAt: number;
  resolvedAt: number | null;
}

/** The incident a new firing joins: the most recent open one of its topic within the window. */
export function incidentFor(incidents: readonly IncidentRef[], topicId: number | null, at: number, windowMs = INCIDENT_WINDOW_MS): IncidentRef | null {
  let best: IncidentRef | null = null;
  for (const i of incidents) {
    if (i.topicId !== topicId || i.resolvedAt !== null || at - i.lastAt > windowMs) continue;
    if (!best || i.lastAt > best.lastAt) best = i;
  }
  return best;
}
