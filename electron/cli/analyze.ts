/**
 * `npm run analyze -- <file.csv|file.jsonl> [--text-column NAME] [--id-column NAME] [--lang-column NAME]
 *   [--adapt LABELLED.csv|jsonl [--adapt-text-column NAME] [--label-column NAME]]`
 *
 * Scores a file of posts with Earshot's shipped model and default intent rules, offline, writing
 * one JSON line per input row to stdout: {"id","sentiment","score","confidence","emotion","emotionScores",
 * "language","intents"} (emotionScores holds a probability per emotion: anger, joy, optimism, sadness).
 * Streams (a file of millions of rows runs in constant memory). Rows it cannot read are reported
 * on stderr with their row number and skipped; a missing column stops it with exit code 2.
 * Without `--text-column`, the first of text/full_text/body/content/message/post is used; without
 * `--id-column`, the first of id/tweet_id/post_id/uri, else the row number.
 *
 * `--adapt` first learns a workspace adaptation from a labelled set of the trade's own posts (a text
 * and a negative/neutral/positive label per row; the label column defaults to the first of
 * sentiment/label/airline_sentiment/polarity) with the labelled-set settings, and scores with it:
 * the trade's words live in that adaptation, never in the shipped model.
 */
import { createReadStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { createAnalyzer } from '../core/analysis/analyze-mention';
import { LABELLED_SET, learnAdjustments } from '../core/understanding/adaptation';
import { readLabelledPosts } from './labelled-posts';

const TEXT_COLUMNS = ['text', 'full_text', 'body', 'content', 'message', 'post'];
const ID_COLUMNS = ['id', 'tweet_id', 'post_id', 'uri'];
const LANG_COLUMNS = ['lang', 'language'];

class UsageError extends Error {}

interface Options {
  file: string;
  textColumn: string | null;
  idColumn: string | null;
  langColumn: string | null;
  adapt: string | null;
  adaptTextColumn: string | null;
  labelColumn: string | null;
}

const OPTIONS = ['--text-column', '--id-column', '--lang-column', '--adapt', '--adapt-text-column', '--label-column'];

function parseArgs(argv: string[]): Options {
  let file: string | null = null;
  const named: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const value = argv[i + 1];
      if (!OPTIONS.includes(a)) throw new UsageError(`unknown option ${a}`);
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${a} needs ${a === '--adapt' ? 'a file' : 'a column name'}`);
      named[a] = value;
      i++;
    } else if (file === null) file = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (!file) throw new UsageError('no input file given');
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  if (!/\.(csv|jsonl|ndjson)$/i.test(file)) throw new UsageError(`${file}: expected a .csv or .jsonl file`);
  const adapt = named['--adapt'] ?? null;
  if (adapt !== null && !existsSync(adapt)) throw new UsageError(`--adapt: no such file: ${adapt}`);
  if (adapt === null && (named['--adapt-text-column'] || named['--label-column'])) throw new UsageError('--adapt-text-column and --label-column need --adapt');
  return {
    file,
    textColumn: named['--text-column'] ?? null,
    idColumn: named['--id-column'] ?? null,
    langColumn: named['--lang-column'] ?? null,
    adapt,
    adaptTextColumn: named['--adapt-text-column'] ?? null,
    labelColumn: named['--label-column'] ?? null,
  };
}

function pick(columns: readonly string[], wanted: string | null, defaults: readonly string[], what: string, required: boolean): string | null {
  if (wanted !== null) {
    if (!columns.includes(wanted)) throw new UsageError(`no ${what} column "${wanted}"; the columns are: ${columns.join(', ')}`);
    return wanted;
  }
  const found = defaults.find((c) => columns.includes(c)) ?? null;
  if (!found && required)
    throw new UsageError(`no ${what} column found (looked for ${defaults.join(', ')}); name it with --text-column; the columns are: ${columns.join(', ')}`);
  return found;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let analyzer = createAnalyzer();
  if (options.adapt !== null) {
    let labelled;
    try {
      labelled = readLabelledPosts(options.adapt, options.adaptTextColumn, options.labelColumn);
    } catch (error) {
      throw new UsageError(`--adapt: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const line of labelled.skipped) process.stderr.write(`${line}\n`);
    const adjustments = learnAdjustments(analyzer.model, labelled.examples, LABELLED_SET);
    analyzer = analyzer.withAdjustments(adjustments);
    process.stderr.write(`adapted to ${labelled.examples.length} labelled posts from ${options.adapt} (${adjustments.size} words and bigrams adjusted)\n`);
  }
  let rowsOut = 0;
  let bad = 0;

  const write = async (line: string): Promise<void> => {
    if (!process.stdout.write(`${line}\n`)) await once(process.stdout, 'drain');
  };
  const emit = async (row: number, record: Record<string, unknown>, text: string | null, idCol: string | null, langCol: string | null): Promise<void> => {
    if (typeof text !== 'string') {
      bad++;
      process.stderr.write(`row ${row}: the text is missing or not text; skipped\n`);
      return;
    }
    const rawId = idCol ? record[idCol] : undefined;
    const id = rawId === undefined || rawId === null || rawId === '' ? String(row) : String(rawId);
    const lang = langCol && typeof record[langCol] === 'string' ? (record[langCol] as string) : null;
    const a = analyzer.analyzeText(text, lang);
    rowsOut++;
    await write(
      JSON.stringify({
        id,
        sentiment: a.sentiment,
        score: a.score,
        confidence: a.confidence,
        emotion: a.emotion,
        emotionScores: a.emotionScores,
        language: a.language,
        intents: a.intents,
      }),
    );
  };

  if (/\.csv$/i.test(options.file)) {
    const parser = createReadStream(options.file).pipe(
      parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true }),
    );
    parser.on('skip', (error: Error & { lines?: number }) => {
      bad++;
      process.stderr.write(`row ${error.lines ?? '?'}: ${error.message}; skipped\n`);
    });
    let columns: string[] | null = null;
    let textCol: string | null = null;
    let idCol: string | null = null;
    let langCol: string | null = null;
    let row = 0;
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      row++;
      if (columns === null) {
        columns = Object.keys(record);
        textCol = pick(columns, options.textColumn, TEXT_COLUMNS, 'text', true);
        idCol = pick(columns, options.idColumn, ID_COLUMNS, 'id', options.idColumn !== null);
        langCol = pick(columns, options.langColumn, LANG_COLUMNS, 'language', options.langColumn !== null);
      }
      await emit(row, record, record[textCol!] ?? null, idCol, langCol);
    }
  } else {
    const lines = createInterface({ input: createReadStream(options.file, 'utf8'), crlfDelay: Infinity });
    let row = 0;
    const textCol = options.textColumn;
    for await (const line of lines) {
      row++;
      if (!line.trim()) continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        bad++;
        process.stderr.write(`row ${row}: not valid JSON; skipped\n`);
        continue;
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        bad++;
        process.stderr.write(`row ${row}: not a JSON object; skipped\n`);
        continue;
      }
      const r = record as Record<string, unknown>;
      const keys = Object.keys(r);
      const tc = textCol ?? TEXT_COLUMNS.find((c) => keys.includes(c)) ?? null;
      const ic = options.idColumn ?? ID_COLUMNS.find((c) => keys.includes(c)) ?? null;
      const lc = options.langColumn ?? LANG_COLUMNS.find((c) => keys.includes(c)) ?? null;
      if (tc === null || !(tc in r)) {
        bad++;
        process.stderr.write(`row ${row}: no ${textCol ? `"${textCol}"` : 'text'} field; skipped\n`);
        continue;
      }
      await emit(row, r, typeof r[tc] === 'string' ? (r[tc] as string) : null, ic, lc);
    }
  }
  process.stderr.write(`analyzed ${rowsOut} rows${bad > 0 ? `, skipped ${bad}` : ''}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`analyze: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
