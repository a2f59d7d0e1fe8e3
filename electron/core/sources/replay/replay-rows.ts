/**
 * Reads a CSV data set into time-ordered rows for replay. Column names are matched against the
 * layouts Earshot knows (Twitter US Airline Sentiment, CrisisLex, Customer Support on Twitter,
 * plain id/text/created), so a user can replay their own export without a mapping step.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { SourceConfigError } from '../adapter';

export interface ReplayRow {
  id: string;
  text: string;
  at: number;
  author: string;
  reposts: number | null;
}

const ID_COLUMNS = ['tweet_id', 'id', 'tweet-id', 'tweet id', 'post_id', 'external_id'];
const TEXT_COLUMNS = ['text', 'tweet text', 'body', 'content', 'message'];
const TIME_COLUMNS = ['tweet_created', 'created_at', 'timestamp', 'created', 'date', 'published_at'];
const AUTHOR_COLUMNS = ['name', 'author', 'author_id', 'user', 'screen_name', 'handle'];
const REPOST_COLUMNS = ['retweet_count', 'reposts', 'shares'];

export interface ReplayData {
  rows: ReplayRow[];
  /** Rows left out, with the 1-based line-ish row number and why. */
  rejected: Array<{ row: number; reason: string }>;
  duplicates: number;
}

export function readReplayCsv(file: string): ReplayData {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SourceConfigError(`replay file ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let records: string[][];
  try {
    records = parse(raw, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new SourceConfigError(`replay file ${file} is not valid CSV: ${(error as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const column = (names: readonly string[]): number => header.findIndex((h) => names.includes(h));
  const idCol = column(ID_COLUMNS);
  const textCol = column(TEXT_COLUMNS);
  const timeCol = column(TIME_COLUMNS);
  const authorCol = column(AUTHOR_COLUMNS);
  const repostCol = column(REPOST_COLUMNS);
  const missing = [
    idCol < 0 && `an id column (${ID_COLUMNS.join(', ')})`,
    textCol < 0 && `a text column (${TEXT_COLUMNS.join(', ')})`,
    timeCol < 0 && `a time column (${TIME_COLUMNS.join(', ')})`,
  ].filter(Boolean);
  if (missing.length > 0) throw new SourceConfigError(`replay file ${file} lacks ${missing.join(' and ')}; its header is: ${header.join(', ')}`);

  const rows: ReplayRow[] = [];
  const rejected: ReplayData['rejected'] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    const id = record[idCol]?.trim() ?? '';
    const at = Date.parse(record[timeCol]?.trim() ?? '');
    if (!id) {
      rejected.push({ row: i + 1, reason: 'empty id' });
      continue;
    }
    if (!Number.isFinite(at)) {
      rejected.push({ row: i + 1, reason: `unreadable time "${record[timeCol] ?? ''}"` });
      continue;
    }
    if (seen.has(id)) {
      duplicates++;
      continue;
    }
    seen.add(id);
    const reposts = repostCol >= 0 ? Number(record[repostCol]) : NaN;
    rows.push({
      id,
      text: record[textCol] ?? '',
      at,
      author: (authorCol >= 0 ? record[authorCol]?.trim() : '') || 'unknown',
      reposts: Number.isInteger(reposts) && reposts >= 0 ? reposts : null,
    });
  }
  // Stable sort keeps the file's order for posts of the same second.
  rows.sort((a, b) => a.at - b.at);
  return { rows, rejected, duplicates };
}
