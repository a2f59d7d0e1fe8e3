/**
 * The incident report model: what a report shows, as plain JSON-safe data. Times are
 * epoch ms; durations in minutes. Built by the core (`electron/core/reports/`), drawn by the
 * `#/report` view and printed to PDF. Drill rows never appear in a report.
 */
import type { AlertSeverity } from '../../domain/alert';
import type { Platform } from '../../domain/mention';
import type { AnnotationKind } from '../../domain/review';
import type { StoryView } from '../../domain/story';
import type { Breaches, DurationStats } from '../care/kpis';

export interface ReportSubject {
  kind: 'incident' | 'period';
  incidentId: number | null;
  /** The incident's title, or "Mentions from … to …" for a period. */
  title: string;
  severity: AlertSeverity | null;
  topicId: number | null;
  topicName: string | null;
  workspace: string;
}

export interface ReportBucket {
  /** Bucket start. */
  at: number;
  total: number;
  positive: number;
  neutral: number;
  negative: number;
  /** (positive − negative) ÷ (positive + neutral + negative) × 100, −100…100; null for an empty bucket. */
  net: number | null;
}

export interface ReportAlert {
  id: number;
  at: number;
  kind: string;
  severity: AlertSeverity;
  title: string;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  resolvedAt: number | null;
}

export interface ReportAnnotation {
  id: number;
  at: number;
  kind: AnnotationKind;
  text: string;
  author: string;
}

export interface ReportMention {
  id: number;
  publishedAt: number;
  platform: Platform;
  authorHandle: string;
  authorName: string | null;
  authorFollowers: number | null;
  sentiment: string;
  clout: number;
  text: string;
  url: string | null;
}

export interface ReportAuthor {
  platform: Platform;
  handle: string;
  name: string | null;
  /** Highest clout (0–100) and follower count seen in the period. */
  clout: number;
  followers: number | null;
  mentions: number;
  negative: number;
  /** negative ÷ mentions, 0…1. */
  negativeShare: number;
}

export interface ReportTerm {
  term: string;
  count: number;
  /** Count expected from the same-length period just before (see understanding's trend score). */
  expected: number;
  score: number;
  isNew: boolean;
}

export interface ReportResponse {
  conversations: number;
  answered: number;
  /** answered ÷ conversations, 0…1; null without conversations. */
  answeredShare: number | null;
  firstResponse: DurationStats;
  breaches: Breaches;
}

export interface ReportReply {
  id: number;
  conversationId: number;
  at: number;
  author: string;
  channel: string;
  platform: string | null;
  status: string;
  template: string | null;
  /** Minutes from the customer's post it answers (else the conversation's first post) to the reply. */
  responseMinutes: number | null;
  text: string;
}

export interface ReportTotals {
  mentions: number;
  positive: number;
  neutral: number;
  negative: number;
  authors: number;
  /** Peak bucket volume and when. */
  peak: number;
  peakAt: number | null;
}

export interface ReportModel {
  subject: ReportSubject;
  from: number;
  to: number;
  generatedAt: number;
  bucketMinutes: number;
  totals: ReportTotals;
  timeline: ReportBucket[];
  alerts: ReportAlert[];
  annotations: ReportAnnotation[];
  firstMentions: ReportMention[];
  authors: ReportAuthor[];
  terms: ReportTerm[];
  /** The stories with most posts in the period (reposts and copies grouped); absent for folders from before stories. */
  stories?: StoryView[];
  response: ReportResponse;
  replies: ReportReply[];
}
