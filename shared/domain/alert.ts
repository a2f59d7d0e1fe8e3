export const ALERT_KINDS = ['negative-surge', 'volume-spike', 'influencer-complaint', 'source-down'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertSeverity = 'info' | 'warning' | 'critical';

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
}
