/**
 * Review: the record, timeline replay, annotations and read-only workspaces.
 * Times are epoch milliseconds.
 */

/** `live` is the running war room; any other id is a read-only copy (a data folder or a bundle). */
export const LIVE_WORKSPACE = 'live';

export const WORKSPACE_KINDS = ['live', 'folder', 'bundle'] as const;
export type WorkspaceKind = (typeof WORKSPACE_KINDS)[number];

export interface WorkspaceInfo {
  id: string;
  kind: WorkspaceKind;
  name: string;
  readOnly: boolean;
  /** Where it was opened from (the folder, or the bundle file); null for live. */
  origin: string | null;
  openedAt: number;
  /** The first and last heard mention, or null when it holds none. */
  earliest: number | null;
  latest: number | null;
  mentions: number;
  /** A bundle's verified SHA-256 of its contents; null for folders and live. */
  checksum: string | null;
}

export const ANNOTATION_KINDS = ['decision', 'external', 'note'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export interface Annotation {
  id: number;
  at: number;
  kind: AnnotationKind;
  text: string;
  author: string;
  topicId: number | null;
  incidentId: number | null;
  createdAt: number;
}

/** One thing on the scrubber that "jump to next" can land on. */
export interface TimelineMarker {
  at: number;
  /** `wall`: an operator's command to one or more walls (push, resume, pause, blank), id of its first wall event. */
  kind: 'alert' | 'annotation' | 'wall';
  id: number;
  label: string;
  /** Alert severity; null for annotations and wall commands. */
  severity: string | null;
}

/** One recorded wall command (table wall_events): `detail` is the command as sent, in JSON. */
export interface WallEventRecord {
  id: number;
  at: number;
  displayId: string | null;
  action: string;
  actor: string;
  detail: string;
}

/** What is kept, how much room it takes, and for how long. */
export interface RecordSummary {
  tables: Array<{ name: string; rows: number; bytes: number | null }>;
  databaseBytes: number;
  walBytes: number;
  oldestMentionAt: number | null;
  newestMentionAt: number | null;
  retention: RetentionSetting;
}

export interface RetentionSetting {
  /** Mentions (and everything derived from them) older than this are removed; null keeps all. */
  mentionDays: number | null;
}
