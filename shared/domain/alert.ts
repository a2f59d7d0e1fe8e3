/**
 * Alert kinds: the four the foundation raised plus the rule types of the alerting area. A kind is
 * what fired; the rule that fired it is `ruleId`.
 */
export const ALERT_KINDS = ['negative-surge', 'volume-spike', 'influencer-complaint', 'source-down', 'keyword', 'trending-term', 'response-time'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * Where an alert is in its life. 'snoozed' hides it from walls until `snoozedUntil`; an alert that
 * is acknowledged stays open (and visible in consoles) until it resolves or is resolved by hand.
 */
export type AlertState = 'open' | 'acknowledged' | 'snoozed' | 'resolved';

/** Why an alert fired, in numbers: the observation against what the rule expected. */
export interface AlertExplanation {
  /** The rule's plain-words summary, e.g. "Volume spike: above 4σ band, at least 20 mentions". */
  rule: string;
  /** What was measured, e.g. "mentions in the last 15 min". */
  measure: string;
  observed: number;
  /** null where the rule has no expectation (an influencer's post, a keyword match). */
  expected: number | null;
  /** The band the observation had to leave; null where the rule has no band. */
  bandLow: number | null;
  bandHigh: number | null;
  /** Window the numbers cover, in minutes (0 for per-mention rules). */
  windowMinutes: number;
  /** Terms most over-represented in the contributing mentions. */
  terms: string[];
  /** Emotions running above their usual rate in the window, e.g. "anger up 4.0× (32 in 15 min vs 8 expected)". */
  emotions?: string[];
  /** Hash route that shows the contributing mentions, e.g. "#/alerts?alert=12". */
  link: string;
  /** The stories that drove a window rule's firing, most posts first (absent for per-post rules). */
  stories?: AlertStory[];
  /** The spike in plain words, built from the stories, terms, authors and reposts (no language model). */
  summary?: string;
  /** Posts in the window flagged as spam or coordinated, and whether the counts above left them out. */
  spam?: AlertSpam;
}

export interface AlertSpam {
  excluded: boolean;
  posts: number;
  /** The detector's reasons (or "marked as spam by a person"), most posts first. */
  reasons: Array<{ reason: string; posts: number }>;
}

/** One story named by an alert: its first post (a stranger's text: render as text only) and size. */
export interface AlertStory {
  id: number;
  text: string;
  author: string;
  posts: number;
}

/**
 * What an alert showed when it opened. The alert's own detail, numbers and evidence move on as the
 * condition continues ("421 in 60 min"); this keeps what made it fire ("10 in 15 min").
 */
export interface AlertOpening {
  at: number;
  severity: AlertSeverity;
  detail: string;
  /** The explanation's numbers at opening; null for alerts whose rule has none. */
  measure: string | null;
  observed: number | null;
  expected: number | null;
  bandHigh: number | null;
  windowMinutes: number | null;
  /** Mention ids that made it fire, newest first. */
  evidence: number[];
}

export interface Alert {
  id: number;
  kind: AlertKind;
  severity: AlertSeverity;
  /** Firings with the same key update this alert rather than opening another. */
  dedupeKey: string;
  title: string;
  /** Plain-words explanation: observed vs expected, or who said what. */
  detail: string;
  openedAt: number;
  updatedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  resolvedAt: number | null;
  /** Mention ids that made the alert fire, newest first. */
  evidence: number[];
  /** The topic the alert is about; null for alerts about everything or about a source. */
  topicId: number | null;
  /** The rule that fired it (null for alerts stored before rules existed). Always set by this core. */
  ruleId?: number | null;
  /** The incident that groups related firings (same topic, close in time). */
  incidentId?: number | null;
  state?: AlertState;
  /** Hidden from walls until then; null when not snoozed. */
  snoozedUntil?: number | null;
  /** The person the alert is assigned to. */
  assignee?: string | null;
  resolvedBy?: string | null;
  explanation?: AlertExplanation | null;
  /** What it showed when it opened (null for alerts stored before this was kept and never refreshed). */
  opening?: AlertOpening | null;
}

/** Related firings of one topic grouped together, so a crisis is one thing to handle, not a flood. */
export interface Incident {
  id: number;
  topicId: number | null;
  title: string;
  severity: AlertSeverity;
  openedAt: number;
  lastAt: number;
  resolvedAt: number | null;
  alertIds: number[];
}

export const ALERT_ACTIONS = [
  'opened',
  'updated',
  'escalated',
  'acknowledged',
  'snoozed',
  'assigned',
  'resolved',
  'reopened',
  'delivered',
  'delivery-failed',
] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** One line of an alert's append-only history: who did what, when. */
export interface AlertHistoryEntry {
  id: number;
  alertId: number;
  at: number;
  action: AlertAction;
  /** A person's name, or "earshot" for what the core did by itself. */
  actor: string;
  detail: string;
}

/** An alert the room still has to see: open, not acknowledged, not snoozed. */
export function alertNeedsAttention(alert: Alert, now: number): boolean {
  if (alert.resolvedAt !== null || alert.acknowledgedAt !== null) return false;
  return !(alert.snoozedUntil != null && alert.snoozedUntil > now);
}
