/**
 * Reads a CSV or JSON Lines file progressively, a batch of rows at a time, mapping each row to a
 * mention or to an error that names the row, the column and the reason. The file is streamed, so
 * a large export never sits in memory whole; `skip` fast-forwards to a stored row offset.
 *
 * Row numbers: CSV counts data rows from 1 (the header is row 0) and gives the file line where the
 * row ends; JSON Lines counts lines from 1 (blank lines count but are not rows to import).
 */
import { parse, type CsvError } from 'csv-parse';
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { MAPPABLE_FIELDS, type ImportConfig, type MappableField } from '@shared/contract/source-config/import';
import type { MentionInput } from '@shared/domain/mention';
import { SourceConfigError } from '../adapter';
import { mapRecord, readPath } from './mention-mapping';

export interface RowError {
  row: number;
  /** The file line where the row ends (CSV rows may span lines); for JSON Lines the same as `row`. */
  line: number;
  /** The file's own column (or JSON key) when the problem is in one field. */
  column: string | null;
  reason: string;
}

export interface ImportBatch {
  mentions: MentionInput[];
  /** The 1-based row of each mention, in the same order (for reporting the pipeline's own refusals). */
  rows: number[];
  errors: RowError[];
  /** Rows consumed from the start of the file after this batch (the cursor). */
  offset: number;
  done: boolean;
}

type RawRow = { row: number; line: number; get: (field: MappableField) => unknown } | { row: number; line: number; error: string };

export class ImportReader {
  private rows: AsyncIterator<RawRow> | null = null;
  private offset = 0;
  private finished = false;
  private readonly closers: Array<() => void> = [];

  constructor(
    readonly config: ImportConfig,
    private readonly now: () => number = Date.now,
  ) {}

  get position(): number {
    return this.offset;
  }

  /** Reads the next `max` rows (fewer at the end of the file). */
  async next(max: number): Promise<ImportBatch> {
    const rows = (this.rows ??= this.open());
    const batch: ImportBatch = { mentions: [], rows: [], errors: [], offset: this.offset, done: false };
    const now = this.now();
    while (!this.finished && batch.mentions.length + batch.errors.length < max) {
      const next = await rows.next();
      if (next.done) {
        this.finished = true;
        break;
      }
      const raw = next.value;
      this.offset++;
      if ('error' in raw) {
        batch.errors.push({ row: raw.row, line: raw.line, column: null, reason: raw.error });
        continue;
      }
      // Without a time column the rows are dated when they are imported; with one, a row without a time is an error.
      const defaultTime = this.config.mapping.time === undefined ? now : null;
      const mapped = mapRecord(raw.get, { defaultPlatform: this.config.platform, defaultTime, now });
      if (mapped.ok) {
        batch.mentions.push(mapped.mention);
        batch.rows.push(raw.row);
      } else {
        const column = this.config.mapping[mapped.error.field] ?? null;
        batch.errors.push({ row: raw.row, line: raw.line, column, reason: mapped.error.reason });
      }
    }
    batch.offset = this.offset;
    batch.done = this.finished;
    return batch;
  }

  /** Skips `count` rows without mapping them (resuming from a stored offset). */
  async skip(count: number): Promise<void> {
    const rows = (this.rows ??= this.open());
    while (this.offset < count && !this.finished) {
      const next = await rows.next();
      if (next.done) this.finished = true;
      else this.offset++;
    }
  }

  close(): void {
    for (const close of this.closers.splice(0)) close();
    this.rows = null;
  }

  private open(): AsyncIterator<RawRow> {
    const { file } = this.config;
    try {
      if (!statSync(file).isFile()) throw new SourceConfigError(`import file ${file} is not a file`);
    } catch (error) {
      if (error instanceof SourceConfigError) throw error;
      throw new SourceConfigError(`import file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    return this.config.format === 'csv' ? this.openCsv() : this.openJsonl();
  }

  private async *openCsv(): AsyncGenerator<RawRow> {
    const { mapping, file } = this.config;
    // Unreadable records, by the line they end on; csv-parse may report one twice.
    const skipped: Array<{ line: number; error: string }> = [];
    let dataRows = 0;
    const input = createReadStream(file);
    const parser = parse({
      bom: true,
      delimiter: this.config.delimiter,
      // Exports that mix Windows and Unix line ends are common; quoted line breaks stay in their field.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        const line = typeof error?.lines === 'number' ? error.lines : 0;
        if (skipped.at(-1)?.line === line && line > 0) return;
        skipped.push({ line, error: `not readable as CSV: ${error?.message.replace(/\s+/g, ' ') ?? 'invalid'}` });
      },
    });
    this.closers.push(() => {
      input.destroy();
      parser.destroy();
    });
    input.pipe(parser);
    let index: Map<string, number> | null = null;
    // The parser runs ahead of this loop: a skip is yielded in its place among the records.
    const skippedBefore = function* (line: number): Generator<RawRow> {
      while (skipped.length > 0 && skipped[0]!.line < line) {
        const skip = skipped.shift()!;
        yield { row: ++dataRows, line: skip.line, error: skip.error };
      }
    };
    for await (const chunk of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = chunk;
      if (index === null) {
        index = headerIndex(record, mapping, file);
        continue;
      }
      yield* skippedBefore(info.lines);
      dataRows++;
      const header = index;
      yield {
        row: dataRows,
        line: info.lines,
        get: (field) => {
          const column = mapping[field];
          if (column === undefined) return undefined;
          return record[header.get(column)!];
        },
      };
    }
    yield* skippedBefore(Infinity);
  }

  private async *openJsonl(): AsyncGenerator<RawRow> {
    const { mapping, file } = this.config;
    const input = createReadStream(file, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Infinity });
    this.closers.push(() => {
      lines.close();
      input.destroy();
    });
    let line = 0;
    for await (const raw of lines) {
      line++;
      const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
      if (text === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        yield { row: line, line, error: `not valid JSON: ${(error as Error).message}` };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { row: line, line, error: 'a line must be a JSON object' };
        continue;
      }
      yield {
        row: line,
        line,
        get: (field) => {
          const key = mapping[field];
          return key === undefined ? undefined : readPath(value, key);
        },
      };
    }
  }
}

/** Column name → index; every mapped column must be in the header. */
function headerIndex(header: string[], mapping: ImportConfig['mapping'], file: string): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim();
    if (!index.has(key)) index.set(key, i);
  });
  const missing = MAPPABLE_FIELDS.filter((f) => mapping[f] !== undefined && !index.has(mapping[f]!)).map((f) => `${f}=${mapping[f]}`);
  if (missing.length > 0) {
    throw new SourceConfigError(
      `import file ${file}: the mapping names columns the header does not have (${missing.join(', ')}); the header is: ${header.map((h) => h.trim()).join(', ')}`,
    );
  }
  return index;
}
