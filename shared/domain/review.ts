/**
 * Review (issue 8): the record, timeline replay, annotations and read-only workspaces.
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
  kind: 'alert' | 'annotation';
  id: number;
  label: string;
  /** Alert severity; null for annotations. */
  severity: string | null;
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
