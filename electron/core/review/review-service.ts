/**
 * Review: annotations on the timeline, the scrubber's timeline and periods, the record's size and
 * its retention (with the pruning job), and the wall event log.
 */
import { statSync } from 'node:fs';
import type { Annotation, AnnotationKind, RecordSummary, RetentionSetting, TimelineMarker } from '@shared/domain/review';
import type { MinuteBucket } from '@shared/domain/volume';
import type { Incident } from '@shared/domain/alert';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import { fillMinuteWindow } from '@shared/logic/volume';
import { ApiError } from '../api/api-error';
import type { Logger } from '../base/logger';
import type { LiveHub } from '../live/hub';
import type { Store } from '../store/store';
import { extractTerms } from '../understanding/terms';
import { wallMarkersIn } from './walls-as-of';
import type { Workspaces } from './workspaces';

const RETENTION_KEY = 'record.retention';
const DAY_MS = 86_400_000;
/** What `annotations.changed` carries: the live workspace's annotations of the last 7 days. */
const PUSH_WINDOW_MS = 7 * DAY_MS;
/** Mentions removed per transaction by the pruning job, so ingest never waits long. */
export const PRUNE_BATCH = 2_000;

export class ReviewService {
  constructor(
    private readonly store: Store,
    private readonly workspaces: Workspaces,
    private readonly hub: LiveHub,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  // ---- annotations

  addAnnotation(
    workspace: string,
    a: { at: number; kind: AnnotationKind; text: string; by: string; topicId: number | null; incidentId: number | null },
  ): Annotation {
    this.workspaces.assertWritable(workspace);
    if (a.topicId !== null && !this.store.topics.get(a.topicId)) throw new ApiError('not-found', `no topic with id ${a.topicId}`);
    if (a.incidentId !== null && !this.store.alerts.incident(a.incidentId)) throw new ApiError('not-found', `no incident with id ${a.incidentId}`);
    const annotation = this.store.record.addAnnotation({
      at: a.at,
      kind: a.kind,
      text: a.text,
      author: a.by,
      topicId: a.topicId,
      incidentId: a.incidentId,
      createdAt: this.now(),
    });
    this.publishAnnotations();
    return annotation;
  }

  deleteAnnotation(workspace: string, id: number, by: string): number {
    this.workspaces.assertWritable(workspace);
    if (!this.store.record.deleteAnnotation(id, by, this.now())) throw new ApiError('not-found', `no annotation with id ${id}`);
    this.publishAnnotations();
    return id;
  }

  private publishAnnotations(): void {
    const now = this.now();
    this.hub.publish('annotations.changed', { annotations: this.store.record.annotations(now - PUSH_WINDOW_MS, 4_102_444_800_000) });
  }

  // ---- the timeline

  /** All-topic minute volume of the record over [from, to] with alert, annotation and wall-command markers. */
  timeline(workspace: string, from: number, to: number): { buckets: MinuteBucket[]; markers: TimelineMarker[]; annotations: Annotation[] } {
    const store = this.workspaces.storeFor(workspace);
    const minutes = (floorToMinute(to) - floorToMinute(from)) / MINUTE_MS + 1;
    // Everything recorded (a bundle's workspace has no rollups: read its mentions instead).
    const recorded = store.record.hasRollups().volume
      ? store.volume.range(floorToMinute(from), to)
      : store.record.volumeAsOf(floorToMinute(from), floorToMinute(to) + MINUTE_MS, Number.MAX_SAFE_INTEGER, null);
    const buckets = fillMinuteWindow(recorded, to, minutes);
    const annotations = store.record.annotations(from, to);
    const markers: TimelineMarker[] = [
      ...store.record.timelineAlerts(from, to).map((a) => ({ at: a.at, kind: 'alert' as const, id: a.id, label: a.title, severity: a.severity })),
      ...annotations.map((a) => ({
        at: a.at,
        kind: 'annotation' as const,
        id: a.id,
        label: a.text.length > 80 ? `${a.text.slice(0, 79)}…` : a.text,
        severity: null,
      })),
      ...wallMarkersIn(store, from, to),
    ].sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind) || a.id - b.id);
    return { buckets, markers, annotations };
  }

  periods(workspace: string, limit: number): { earliest: number | null; latest: number | null; incidents: Incident[] } {
    const store = this.workspaces.storeFor(workspace);
    const span = store.record.heardSpan();
    return { earliest: span.earliest, latest: span.latest, incidents: store.alerts.recentIncidents(limit) };
  }

  // ---- the record and its retention

  retention(store: Store = this.store): RetentionSetting {
    const raw = store.settings.get(RETENTION_KEY) as { mentionDays?: unknown } | undefined;
    const days = raw?.mentionDays;
    return { mentionDays: typeof days === 'number' && Number.isInteger(days) && days >= 1 ? days : null };
  }

  setRetention(mentionDays: number | null, by: string): RecordSummary {
    this.store.settings.set(RETENTION_KEY, { mentionDays });
    this.logger.info('record retention set', { mentionDays, by });
    return this.summary();
  }

  summary(workspace = 'live'): RecordSummary {
    const store = this.workspaces.storeFor(workspace);
    const file = store.db.name;
    const bytes = store.record.bytesPerTable();
    const tables = store.record.tableNames().map((name) => ({
      name,
      rows: name === 'mentions' ? store.mentions.count() : store.record.rowCount(name),
      bytes: bytes ? (bytes.get(name) ?? 0) + (name === 'mentions_fts' ? ftsShadowBytes(bytes) : 0) : null,
    }));
    const span = store.record.mentionSpan();
    return {
      tables,
      databaseBytes: sizeOf(file),
      walBytes: sizeOf(`${file}-wal`),
      oldestMentionAt: span.oldest,
      newestMentionAt: span.newest,
      retention: this.retention(store),
    };
  }

  /**
   * Removes mentions published before the retention (in batches, each its own transaction) with
   * what derives from them (the derived-tables registry: author profiles stay), and the rollup
   * minutes before it. Alerts, incidents, annotations and care history are never touched.
   * Returns how many mentions went.
   */
  prune(): { mentions: number; rollupRows: number; before: number | null } {
    const { mentionDays } = this.retention();
    if (mentionDays === null) return { mentions: 0, rollupRows: 0, before: null };
    const before = floorToMinute(this.now() - mentionDays * DAY_MS);
    let mentions = 0;
    let rollupRows = 0;
    for (;;) {
      const removed = this.store.transaction(() =>
        this.store.derived.removeMentions(this.store.record.expiredMentions(before, PRUNE_BATCH), 'retention', { termsOf: extractTerms }),
      );
      mentions += removed.mentions;
      rollupRows += removed.rollupRows;
      if (removed.mentions < PRUNE_BATCH) break;
    }
    // Rollup rows of earlier minutes that no post backs any more (a workspace copy, an older version's leftovers).
    rollupRows += this.store.transaction(() => this.store.derived.pruneBefore(before));
    if (mentions > 0 || rollupRows > 0) this.logger.info('record pruned', { mentions, rollupRows, before: new Date(before).toISOString() });
    return { mentions, rollupRows, before };
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The full-text index's shadow tables, counted with it. */
function ftsShadowBytes(bytes: Map<string, number>): number {
  let sum = 0;
  for (const [name, b] of bytes) if (name.startsWith('mentions_fts_')) sum += b;
  return sum;
}
