/**
 * Incident reports: the model (`reports.build`), the CSV of the underlying mentions and the PDF of
 * the `#/report` view, written to `<data folder>/exports/` under generated names.
 */
import { ensurePrivateDir, isDiskFull, writePrivateFileAtomic } from '../base/private-files';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ExportedFile, ReportsEvents, ReportTarget } from '@shared/contract/areas/reports';
import { toCsv, type CsvValue } from '@shared/logic/reports/csv';
import { exportFileName, isExportFileName } from '@shared/logic/reports/file-names';
import type { ReportModel } from '@shared/logic/reports/types';
import { ApiError } from '../api/api-error';
import type { Logger } from '../base/logger';
import type { Store } from '../store/store';
import type { CsvMentionRow } from '../store/queries/reports';
import { buildReport, resolvePeriod } from './build-report';
import type { PdfRenderer } from './pdf-renderer';

export const EXPORTS_FOLDER = 'exports';
/** At most this many mentions in one CSV (a month of a busy brand fits). */
export const MAX_CSV_ROWS = 200_000;

export const CSV_COLUMNS = [
  'mention_id',
  'published_at_utc',
  'heard_at_utc',
  'platform',
  'source_id',
  'external_id',
  'author_handle',
  'author_name',
  'author_followers',
  'author_verified',
  'sentiment',
  'sentiment_score',
  'clout',
  'urgency',
  'intents',
  'topics',
  'language',
  'likes',
  'reposts',
  'replies',
  'url',
  'text',
] as const;

export interface ReportServiceDeps {
  /** The store of a workspace ('live' or a read-only copy); throws not-found for an unknown id. */
  storeFor: (workspace: string) => Store;
  /** Where exports are written: `<live data folder>/exports`. */
  exportsDir: string;
  logger: Logger;
  now: () => number;
  /** Pushes a finished PDF export to the windows (the live hub). */
  publish?: (payload: ReportsEvents['reports.exported']) => void;
}

/** What the Electron shell does with a finished export (show it in its folder); serve mode has none. */
export type ExportReveal = (path: string) => boolean;

export class ReportService {
  private pdfRenderer: PdfRenderer | null = null;
  private reveal: ExportReveal | null = null;

  constructor(private readonly deps: ReportServiceDeps) {}

  /** Set by the shell once it can draw pages (serve mode: after it listens; Electron: at start). */
  setPdfRenderer(renderer: PdfRenderer | null): void {
    this.pdfRenderer = renderer;
  }

  setReveal(reveal: ExportReveal | null): void {
    this.reveal = reveal;
  }

  build(target: ReportTarget): ReportModel {
    return buildReport(this.deps.storeFor(target.workspace), target, this.deps.now(), this.deps.logger);
  }

  exportCsv(target: ReportTarget): ExportedFile {
    const store = this.deps.storeFor(target.workspace);
    const now = this.deps.now();
    const { subject, from, to } = resolvePeriod(store, target, now);
    const rows = store.reports.csvRows(from, to, subject.topicId, MAX_CSV_ROWS);
    const csv = toCsv(CSV_COLUMNS, rows.map(csvRow));
    const fileName = exportFileName(subject, now, randomBytes(3).toString('hex'), 'csv');
    return this.write(fileName, Buffer.from(csv, 'utf8'), rows.length);
  }

  /** Prints the report; with a `requestId`, also pushes the outcome (see `reports.exported`). */
  async exportPdf(request: ReportTarget & { requestId?: string | null }): Promise<ExportedFile> {
    const { requestId = null, ...target } = request;
    try {
      const file = await this.printPdf(target);
      if (requestId !== null) this.deps.publish?.({ requestId, file, error: null });
      return file;
    } catch (error) {
      if (requestId !== null) this.deps.publish?.({ requestId, file: null, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  private async printPdf(target: ReportTarget): Promise<ExportedFile> {
    const store = this.deps.storeFor(target.workspace);
    const now = this.deps.now();
    // Checks the incident exists before a browser is started for nothing.
    const { subject } = resolvePeriod(store, target, now);
    if (!this.pdfRenderer) throw new ApiError('unavailable', 'PDF export is not available in this window: nothing here can print pages.');
    let pdf: Buffer;
    try {
      pdf = await this.pdfRenderer.render(reportRoute(target));
    } catch (error) {
      this.deps.logger.warn('PDF export failed', { error: error instanceof Error ? error.message : String(error) });
      throw new ApiError('unavailable', `PDF export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const fileName = exportFileName(subject, now, randomBytes(3).toString('hex'), 'pdf');
    return this.write(fileName, pdf, null);
  }

  /** The file an export name points to, or null when the name is not one of ours. */
  exportPath(fileName: string): string | null {
    return isExportFileName(fileName) ? join(this.deps.exportsDir, fileName) : null;
  }

  private write(fileName: string, body: Buffer, rows: number | null): ExportedFile {
    ensurePrivateDir(this.deps.exportsDir);
    const path = join(this.deps.exportsDir, fileName);
    // Never overwrites (names carry a random suffix); written whole or not at all (a full disk
    // leaves no 0-byte export behind).
    try {
      writePrivateFileAtomic(path, body);
    } catch (error) {
      if (isDiskFull(error)) throw new ApiError('unavailable', `the export was not written: the disk holding ${this.deps.exportsDir} is full`);
      throw error;
    }
    let revealed = false;
    try {
      revealed = this.reveal?.(path) ?? false;
    } catch (error) {
      this.deps.logger.warn('could not show the exported file', { error: String(error) });
    }
    this.deps.logger.info('report exported', { fileName, bytes: body.length });
    return { fileName, bytes: body.length, rows, downloadPath: `/${EXPORTS_FOLDER}/${fileName}`, revealed };
  }
}

/** The hash route of the report view for a target (what the PDF printer opens). */
export function reportRoute(target: ReportTarget): string {
  const query = new URLSearchParams();
  query.set('ws', target.workspace);
  if (target.incidentId !== null) query.set('incident', String(target.incidentId));
  if (target.from !== null) query.set('from', String(target.from));
  if (target.to !== null) query.set('to', String(target.to));
  if (target.topicId !== null) query.set('topic', String(target.topicId));
  query.set('print', '1');
  return `#/report?${query.toString()}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function csvRow(r: CsvMentionRow): CsvValue[] {
  return [
    r.id,
    iso(r.published_at),
    iso(r.heard_at),
    r.platform,
    r.source_id,
    r.external_id,
    r.author_handle,
    r.author_name,
    r.author_followers,
    r.author_verified === 1,
    r.sentiment,
    r.sentiment_score,
    r.clout,
    r.urgency,
    (JSON.parse(r.intents) as string[]).join('; '),
    r.topic_names,
    r.lang,
    r.likes,
    r.reposts,
    r.replies,
    r.url,
    r.text,
  ];
}
