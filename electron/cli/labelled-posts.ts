/**
 * Reads a labelled set of a workspace's own posts (CSV with a header, or JSON lines) for
 * `analyze --adapt`: one text and one sentiment label per row. Rows that cannot be used are
 * reported by number and skipped; a file with no usable column or no usable row is an error.
 */
import { readFileSync } from 'node:fs';
import { parse, type Options } from 'csv-parse/sync';
import type { AdaptationExample } from '../core/understanding/adaptation';

export const LABEL_COLUMNS = ['sentiment', 'label', 'airline_sentiment', 'polarity'];
const TEXT_COLUMNS = ['text', 'full_text', 'body', 'content', 'message', 'post'];
const LABELS = new Set(['negative', 'neutral', 'positive']);

export interface LabelledPosts {
  examples: AdaptationExample[];
  /** One line per skipped row: "FILE row N: why". */
  skipped: string[];
}

export function readLabelledPosts(file: string, textColumn: string | null, labelColumn: string | null): LabelledPosts {
  const records = readRecords(file);
  const skipped: string[] = [];
  const examples: AdaptationExample[] = [];
  const first = records.find((r) => r.record !== null)?.record;
  if (!first) throw new Error(`${file}: no rows to learn from`);
  const keys = Object.keys(first);
  const text = choose(file, keys, textColumn, TEXT_COLUMNS, 'text', '--adapt-text-column');
  const label = choose(file, keys, labelColumn, LABEL_COLUMNS, 'label', '--label-column');
  for (const { row, record, error } of records) {
    if (!record) {
      skipped.push(`${file} row ${row}: ${error}; skipped`);
      continue;
    }
    const t = record[text];
    const l = typeof record[label] === 'string' ? (record[label] as string).trim().toLowerCase() : null;
    if (typeof t !== 'string' || t.trim() === '') skipped.push(`${file} row ${row}: no text; skipped`);
    else if (l === null || !LABELS.has(l))
      skipped.push(`${file} row ${row}: label ${JSON.stringify(record[label] ?? null)} is not negative, neutral or positive; skipped`);
    else examples.push({ text: t, label: l as AdaptationExample['label'] });
  }
  if (examples.length === 0) throw new Error(`${file}: no row has both a text and a label of negative, neutral or positive`);
  return { examples, skipped };
}

function choose(file: string, keys: readonly string[], wanted: string | null, defaults: readonly string[], what: string, option: string): string {
  if (wanted !== null) {
    if (!keys.includes(wanted)) throw new Error(`${file}: no ${what} column "${wanted}"; the columns are: ${keys.join(', ')}`);
    return wanted;
  }
  const found = defaults.find((c) => keys.includes(c));
  if (!found)
    throw new Error(`${file}: no ${what} column found (looked for ${defaults.join(', ')}); name it with ${option}; the columns are: ${keys.join(', ')}`);
  return found;
}

interface RawRow {
  row: number;
  record: Record<string, unknown> | null;
  error?: string;
}

function readRecords(file: string): RawRow[] {
  const content = readFileSync(file, 'utf8');
  if (/\.csv$/i.test(file)) {
    const out: RawRow[] = [];
    const options: Options = {
      columns: true,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        out.push({ row: Number(error?.lines ?? 0), record: null, error: error?.message ?? 'unreadable row' });
      },
      // Each record with its line number, so skipped rows and kept rows are reported alike.
      info: true,
    };
    const records = parse(content, options) as unknown as Array<{ record: Record<string, string>; info: { lines: number } }>;
    for (const r of records) out.push({ row: r.info.lines, record: r.record });
    return out.sort((a, b) => a.row - b.row);
  }
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    return content.split(/\r?\n/).flatMap((line, i): RawRow[] => {
      if (!line.trim()) return [];
      try {
        const value = JSON.parse(line) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ row: i + 1, record: null, error: 'not a JSON object' }];
        return [{ row: i + 1, record: value as Record<string, unknown> }];
      } catch {
        return [{ row: i + 1, record: null, error: 'not valid JSON' }];
      }
    });
  }
  throw new Error(`${file}: expected a .csv or .jsonl file`);
}
