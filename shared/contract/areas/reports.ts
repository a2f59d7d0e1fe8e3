/** Incident reports (the report model, CSV and PDF exports). */
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import type { ReportModel } from '../../logic/reports/types';
import { workspaceIdSchema } from './review';

const id = z.number().int().positive();
/** Epoch ms between 2000 and 2100. */
const time = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
const MAX_SPAN_MS = 31 * 24 * 3_600_000;

const targetShape = {
  workspace: workspaceIdSchema.default('live'),
  incidentId: id.nullable().default(null),
  from: time.nullable().default(null),
  to: time.nullable().default(null),
  topicId: id.nullable().default(null),
};

type TargetLike = { incidentId: number | null; from: number | null; to: number | null };
const namesSomething = (p: TargetLike): boolean => p.incidentId !== null || (p.from !== null && p.to !== null);
const spanOk = (p: TargetLike): boolean => p.from === null || p.to === null || (p.to > p.from && p.to - p.from <= MAX_SPAN_MS);

/** What a report covers: an incident, or a period [from, to) with an optional topic; in any workspace. */
export const reportTargetSchema = z
  .object(targetShape)
  .strict()
  .refine(namesSomething, 'name an incident, or both from and to')
  .refine(spanOk, 'from must be before to, at most 31 days apart');
export type ReportTarget = z.output<typeof reportTargetSchema>;

/**
 * Printing can take longer than a window waits for an answer (a browser starts): the window names
 * its request, and the finished file is also pushed as `reports.exported` with that id.
 */
const pdfRequestSchema = z
  .object({
    ...targetShape,
    requestId: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/)
      .nullable()
      .default(null),
  })
  .strict()
  .refine(namesSomething, 'name an incident, or both from and to')
  .refine(spanOk, 'from must be before to, at most 31 days apart');

export const reportsParams = {
  /** The report model as JSON (what the `#/report` view draws). */
  'reports.build': reportTargetSchema,
  /** A CSV of the report's mentions, written to `<data folder>/exports/`. */
  'reports.exportCsv': reportTargetSchema,
  /** The `#/report` view printed to an A4 PDF, written to `<data folder>/exports/`. */
  'reports.exportPdf': pdfRequestSchema,
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const reportsAccess = {
  'reports.build': read('agent'),
  'reports.exportCsv': change('agent'),
  'reports.exportPdf': change('agent'),
} as const satisfies Record<keyof typeof reportsParams, MethodAccess>;

export interface ExportedFile {
  /** A generated name (`earshot-report-…`), also the last part of `downloadPath`. */
  fileName: string;
  bytes: number;
  /** CSV: data rows written (header not counted); PDF: null. */
  rows: number | null;
  /** Serve mode: `GET` this path on the same origin downloads the file. */
  downloadPath: string;
  /** Electron: the shell showed the file in its folder. */
  revealed: boolean;
}

export interface ReportsResults {
  'reports.build': { report: ReportModel };
  'reports.exportCsv': ExportedFile;
  'reports.exportPdf': ExportedFile;
}

export interface ReportsEvents {
  /** A PDF export finished (or failed), for the window that asked with `requestId`. */
  'reports.exported': { requestId: string; file: ExportedFile | null; error: string | null };
}

export const REPORTS_EVENT_TOPICS = ['reports.exported'] as const satisfies readonly (keyof ReportsEvents)[];
