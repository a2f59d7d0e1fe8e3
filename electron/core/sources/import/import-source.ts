/**
 * The `import` source kind: a CSV or JSON Lines file read a batch of rows per poll. The cursor is
 * the number of rows consumed, committed with the mentions they produced, so an import that is
 * stopped (or killed) resumes at the next row; rows with an id already stored are dropped by the
 * store. Rows that cannot be read are counted and the first ones kept with row, column and reason.
 */
import { importConfigSchema, type ImportConfig } from '@shared/contract/source-config/import';
import { parseSourceConfig, type PollContext, type PollResult, type SourceAdapter } from '../adapter';
import { ImportReader, type RowError } from './import-reader';

/** Rows per poll: one transaction each, like the replay source. */
export const IMPORT_BATCH = 2_000;
export const IMPORT_INTERVAL_MS = 1_000;
const KEPT_ERRORS = 200;

export interface ImportProgress {
  rowsRead: number;
  rowErrors: number;
  /** The first row errors (at most 200), in file order. */
  errors: RowError[];
  done: boolean;
}

export class ImportSource implements SourceAdapter {
  private reader: ImportReader | null = null;
  private readonly progress: ImportProgress = { rowsRead: 0, rowErrors: 0, errors: [], done: false };
  /** Row numbers of the mentions handed out by the last poll, for callers that report per row. */
  lastRows: number[] = [];
  lastErrors: RowError[] = [];

  constructor(
    readonly sourceId: string,
    readonly config: ImportConfig,
    private readonly batchSize = IMPORT_BATCH,
  ) {}

  static fromJson(sourceId: string, json: string): ImportSource {
    return new ImportSource(sourceId, parseSourceConfig(importConfigSchema, sourceId, json));
  }

  report(): Readonly<ImportProgress> {
    return { ...this.progress, errors: [...this.progress.errors] };
  }

  async poll({ cursor, now }: PollContext): Promise<PollResult> {
    const offset = readOffset(cursor);
    if (!this.reader || this.reader.position !== offset) {
      // First poll, or the last batch did not commit: (re)open and fast-forward to the committed row.
      this.reader?.close();
      this.reader = new ImportReader(this.config, () => now);
      await this.reader.skip(offset);
    }
    const batch = await this.reader.next(this.batchSize);
    this.lastRows = batch.rows;
    this.lastErrors = batch.errors;
    this.progress.rowsRead = batch.offset;
    this.progress.rowErrors += batch.errors.length;
    for (const error of batch.errors) if (this.progress.errors.length < KEPT_ERRORS) this.progress.errors.push(error);
    this.progress.done = batch.done;
    if (batch.done) this.close();
    return { items: batch.mentions, cursor: String(batch.offset), done: batch.done, moreAvailable: !batch.done };
  }

  close(): void {
    this.reader?.close();
    this.reader = null;
  }
}

function readOffset(cursor: string | null): number {
  return cursor !== null && /^\d{1,15}$/.test(cursor) ? Number(cursor) : 0;
}
