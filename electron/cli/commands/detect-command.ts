/**
 * `npm run detect -- FILE.csv --query "QUERY" [--background demo]`: would the default alert rules
 * have caught this? Reads a CSV of posts (`id,text,time`, time in ISO-8601 UTC, optional `author`),
 * replays it through the live engine in a temporary data folder (see detect-simulation.ts), and prints one
 * JSON line per alert as it opens, then one `{"summary":…}` line. Row problems go to stderr.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { MentionInput } from '@shared/domain/mention';
import { tryParseQuery } from '@shared/logic/query';
import type { Logger } from '../../core/base/logger';
import { ImportSource } from '../../core/sources/import/import-source';
import { runDetect } from './detect-simulation';
import { createOutboundGuard } from '../../core/net/outbound-guard';
import { OutboundPolicy } from '../../core/net/outbound-policy';
import { parseCommandArgs } from '../../core/base/command-args';

/** These adapters read files or generate posts: no request may leave, so nothing is allowed. */
const OFFLINE_GUARD = createOutboundGuard(() => OutboundPolicy.fromLines([]));
const OFFLINE = { fetch: OFFLINE_GUARD.fetch, outbound: OFFLINE_GUARD };

export const DETECT_USAGE = `Usage: npm run detect -- FILE.csv --query "QUERY" [options]

FILE.csv has the columns id, text, time (ISO-8601 UTC) and optionally author.
Options:
  --query QUERY          the topic's query, in the topic query language (required)
  --name NAME            the topic's name (default: the query)
  --background demo      mix in the calm demo stream over the same period
  --background-rate N    posts per minute of that stream (default 10)
  --hours N              replay only the first N hours after the file's first post (default: all of it)
  --max-errors N         print at most N row errors (default 20; all are counted)
`;

export interface DetectIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Args {
  file: string;
  query: string;
  name: string;
  background: { ratePerMinute: number; seed: number } | null;
  maxErrors: number;
  hours: number | null;
}

export function parseDetectArgs(argv: readonly string[]): { ok: true; args: Args } | { ok: false; error: string } {
  const command = parseCommandArgs(argv, ['query', 'name', 'background', 'background-rate', 'hours', 'max-errors'], { missingFile: 'name the CSV file' });
  if (!command.ok) return command;
  const { options } = command;
  const query = options.get('query')?.trim() ?? '';
  if (query === '') return { ok: false, error: '--query is required (the topic to watch, e.g. --query "LAX OR airport")' };
  const parsed = tryParseQuery(query);
  if (!parsed.ok) return { ok: false, error: `--query does not parse: ${parsed.error.message}` };
  const background = options.get('background');
  if (background !== undefined && background !== 'demo') return { ok: false, error: `--background takes "demo" (got "${background}")` };
  const rate = Number(options.get('background-rate') ?? '10');
  if (!Number.isFinite(rate) || rate <= 0 || rate > 600) return { ok: false, error: '--background-rate is posts per minute, more than 0 and at most 600' };
  if (options.has('background-rate') && background === undefined) return { ok: false, error: '--background-rate needs --background demo' };
  const maxErrors = Number(options.get('max-errors') ?? '20');
  if (!Number.isInteger(maxErrors) || maxErrors < 0) return { ok: false, error: '--max-errors is a whole number' };
  const hours = options.has('hours') ? Number(options.get('hours')) : null;
  if (hours !== null && (!Number.isFinite(hours) || hours <= 0)) return { ok: false, error: '--hours is a number of hours, more than 0' };
  const name = (options.get('name') ?? query).trim().slice(0, 100);
  return {
    ok: true,
    args: { file: resolve(command.file), query, name, background: background ? { ratePerMinute: rate, seed: 20150222 } : null, maxErrors, hours },
  };
}

/** Resolves to the exit code: 0 done, 1 failed, 2 bad usage or an unusable file. */
export async function runDetectCommand(argv: readonly string[], io: DetectIo): Promise<number> {
  const parsed = parseDetectArgs(argv);
  if (!parsed.ok) {
    if (parsed.error === 'help') {
      io.out(DETECT_USAGE);
      return 0;
    }
    io.err(`detect: ${parsed.error}`);
    io.err(DETECT_USAGE);
    return 2;
  }
  const { args } = parsed;
  const header = readHeader(args.file);
  if (typeof header === 'string') {
    io.err(`detect: ${header}`);
    return 2;
  }
  const missing = ['id', 'text', 'time'].filter((c) => !header.includes(c));
  if (missing.length > 0) {
    io.err(`detect: ${args.file} lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (its header: ${header.join(', ')})`);
    return 2;
  }
  const all = await readPosts(args.file, header.includes('author'), io, args.maxErrors);
  const firstAt = all.reduce((min, m) => Math.min(min, m.publishedAt), Infinity);
  const items = args.hours === null ? all : all.filter((m) => m.publishedAt <= firstAt + args.hours! * 3_600_000);
  if (items.length === 0) {
    io.err(`detect: ${args.file} has no usable rows`);
    return 2;
  }
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: (message, fields) => io.err(`${message} ${JSON.stringify(fields ?? {})}`) };
  const summary = await runDetect({
    items,
    query: args.query,
    topicName: args.name,
    background: args.background,
    logger,
    onOpened: (a) => io.out(JSON.stringify(a)),
  });
  io.out(JSON.stringify({ summary }));
  return 0;
}

function readHeader(file: string): string[] | string {
  let head: Buffer;
  try {
    head = readFileSync(file).subarray(0, 64 * 1024);
  } catch (error) {
    return `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
  try {
    const rows = parse(head, { to_line: 1, bom: true, relax_column_count: true }) as string[][];
    return (rows[0] ?? []).map((c) => c.trim());
  } catch (error) {
    return `${file} does not start with a CSV header: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Every usable row through the import reader (the same checks as `npm run import`). */
async function readPosts(file: string, withAuthor: boolean, io: DetectIo, maxErrors: number): Promise<MentionInput[]> {
  const mapping = withAuthor ? { text: 'text', id: 'id', time: 'time', author: 'author' } : { text: 'text', id: 'id', time: 'time' };
  const source = new ImportSource('file', { file, format: 'csv', mapping, platform: 'other', delimiter: ',' });
  const items: MentionInput[] = [];
  let cursor: string | null = null;
  let errors = 0;
  for (;;) {
    const result = await source.poll({ cursor, now: Date.now(), signal: new AbortController().signal, ...OFFLINE });
    for (const e of source.lastErrors) {
      if (errors++ < maxErrors) io.err(`row ${e.row}${e.column ? `, column "${e.column}"` : ''}: ${e.reason}`);
    }
    items.push(...(result.items as MentionInput[]));
    cursor = result.cursor;
    if (result.done) break;
  }
  source.close();
  if (errors > maxErrors) io.err(`… and ${errors - maxErrors} more row errors`);
  return items;
}
