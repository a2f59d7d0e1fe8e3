/**
 * `npm run import -- <file> --format csv|jsonl --map text=col,id=col,…`: imports a file into a data
 * folder through the same pipeline as the app (checks, scoring, topic tags, rollups), printing
 * every row it could not use and the totals. It refuses to run while Earshot holds the folder:
 * two writers would interleave their batches.
 *
 * The import is an `import` source in that folder (id `import-<hash of the file path>`), left
 * paused when finished; running the command again on the same file continues after the last
 * committed row, so an interrupted import resumes and a finished one stores nothing twice.
 */
import { WalCheckpointer } from '../../core/store/wal-checkpointer';
import { createOutboundGuard } from '../../core/net/outbound-guard';
import { OutboundPolicy } from '../../core/net/outbound-policy';
import { createHash } from 'node:crypto';
import { basename, extname, resolve } from 'node:path';
import { IMPORT_FORMATS, importConfigSchema, parseMappingText, type ImportConfig } from '@shared/contract/source-config/import';
import { PLATFORMS } from '@shared/domain/mention';
import type { Logger } from '../../core/base/logger';
import { DataDirLockedError, lockDataDir } from '../../core/app/data-dir-lock';
import { defaultDataDir } from '../../core/app/env-options';
import { buildServices } from '../../core/app/services';
import { openStore } from '../../core/store/store';
import { IMPORT_INTERVAL_MS, ImportSource } from '../../core/sources/import/import-source';
import { parseCommandArgs } from '../../core/base/command-args';

export const IMPORT_USAGE = `Usage: npm run import -- <file> --map text=<column>[,id=<column>,author=…,time=…,…] [options]

Options:
  --format csv|jsonl   the file's format (default: from its extension; .ndjson is jsonl)
  --map PAIRS          Earshot field=column pairs; fields: text (required), id, author, authorName,
                       time, url, lang, followers, likes, reposts, replies, replyTo, platform
                       (JSON Lines keys may be dotted paths such as user.screen_name)
  --platform NAME      platform of rows without a platform column (${PLATFORMS.join(', ')}; default other)
  --delimiter CHAR     CSV delimiter (default ,)
  --data-dir DIR       the data folder (default: EARSHOT_DATA_DIR, else the app's user data folder)
  --max-errors N       print at most N row errors (default 50; all are counted)
`;

export interface ImportCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  now?: () => number;
}

export interface ImportTotals {
  sourceId: string;
  rowsRead: number;
  stored: number;
  duplicates: number;
  rejected: number;
}

/** Runs the command; resolves to the process exit code (0 done, 1 failed, 2 bad usage or folder in use). */
export async function runImportCommand(argv: readonly string[], io: ImportCommandIo): Promise<number> {
  const parsed = parseArgs(argv, io.env);
  if (!parsed.ok && parsed.error === 'help') {
    io.out(IMPORT_USAGE);
    return 0;
  }
  if (!parsed.ok) {
    io.err(`import: ${parsed.error}`);
    io.err(IMPORT_USAGE);
    return 2;
  }
  const { config, dataDir, maxErrors } = parsed;
  const totals = await importFile(config, dataDir, io, maxErrors).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      io.err(
        `import: Earshot is running on the data folder ${error.dataDir} (process ${error.ownerPid}). Quit it first, then import: only one writer may use a data folder.`,
      );
      return 2 as const;
    }
    io.err(`import: ${error instanceof Error ? error.message : String(error)}`);
    return 1 as const;
  });
  return typeof totals === 'number' ? totals : 0;
}

async function importFile(config: ImportConfig, dataDir: string, io: ImportCommandIo, maxErrors: number): Promise<ImportTotals> {
  const now = io.now ?? Date.now;
  const lock = lockDataDir(dataDir);
  try {
    const store = openStore(dataDir);
    let closePipeline = async (): Promise<void> => undefined;
    try {
      const logger: Logger = { info: () => undefined, warn: () => undefined, error: (message, fields) => io.err(`${message} ${JSON.stringify(fields ?? {})}`) };
      const { pipeline } = buildServices(store, logger, now);
      const checkpointer = WalCheckpointer.start(store.db, logger);
      closePipeline = async () => {
        await pipeline.close();
        await checkpointer.stop();
      };
      const sourceId = `import-${createHash('sha256').update(config.file).digest('hex').slice(0, 10)}`;
      const existing = store.sources.get(sourceId);
      const json = JSON.stringify(config);
      if (!existing) {
        store.sources.create({
          id: sourceId,
          kind: 'import',
          name: `Import: ${basename(config.file)}`,
          config: json,
          enabled: false,
          intervalMs: IMPORT_INTERVAL_MS,
          createdAt: now(),
        });
      } else {
        store.sources.updateConfig(sourceId, existing.name, json, existing.intervalMs);
      }
      const startCursor = store.sources.get(sourceId)?.cursor ?? null;
      if (startCursor !== null && startCursor !== '0')
        io.out(`Resuming ${config.file} after row ${startCursor} (an earlier import of this file got that far).`);

      const source = new ImportSource(sourceId, config);
      const outbound = createOutboundGuard(() => OutboundPolicy.fromLines([]));
      const totals: ImportTotals = { sourceId, rowsRead: 0, stored: 0, duplicates: 0, rejected: 0 };
      let printed = 0;
      const report = (row: number, line: number | null, column: string | null, reason: string): void => {
        totals.rejected++;
        if (printed++ < maxErrors)
          io.err(`row ${row}${line !== null && line !== row ? ` (line ${line})` : ''}${column ? `, column "${column}"` : ''}: ${reason}`);
      };
      const started = Date.now();
      let cursor = startCursor;
      for (;;) {
        // A file import reaches no network; its guard allows nothing internal all the same.
        const result = await source.poll({ cursor, now: now(), signal: new AbortController().signal, fetch: outbound.fetch, outbound });
        for (const error of source.lastErrors) report(error.row, error.line, error.column, error.reason);
        const rows = source.lastRows;
        const ingested = await pipeline.ingestAsync(sourceId, result.items, result.cursor);
        for (const skip of ingested.skipped) report(rows[skip.index] ?? 0, null, null, skip.reason);
        totals.stored += ingested.stored.length;
        totals.duplicates += ingested.duplicates;
        cursor = result.cursor;
        totals.rowsRead = Number(cursor ?? 0);
        if (result.done) break;
      }
      source.close();
      if (printed > maxErrors) io.err(`… and ${printed - maxErrors} more row errors`);
      const seconds = (Date.now() - started) / 1000;
      io.out(
        `Imported ${config.file} into ${dataDir} as source ${sourceId}: ${totals.rowsRead} rows read, ${totals.stored} stored, ${totals.duplicates} already stored (same id), ${totals.rejected} rejected, in ${seconds.toFixed(1)} s.`,
      );
      return totals;
    } finally {
      await closePipeline();
      store.close();
    }
  } finally {
    lock.release();
  }
}

type Parsed = { ok: true; config: ImportConfig; dataDir: string; maxErrors: number } | { ok: false; error: string };

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Parsed {
  const parsed = parseCommandArgs(argv, ['format', 'map', 'platform', 'delimiter', 'data-dir', 'max-errors'], { missingFile: 'name the file to import' });
  if (!parsed.ok) return parsed;
  const { options } = parsed;
  const file = resolve(parsed.file);
  const ext = extname(file).toLowerCase();
  const format = options.get('format') ?? (ext === '.csv' ? 'csv' : ext === '.jsonl' || ext === '.ndjson' ? 'jsonl' : undefined);
  if (format === undefined) return { ok: false, error: `say --format ${IMPORT_FORMATS.join('|')} (the extension "${ext}" does not tell)` };
  const mapText = options.get('map');
  if (mapText === undefined) return { ok: false, error: '--map is required, e.g. --map text=text,id=tweet_id,author=name,time=tweet_created' };
  const mapping = parseMappingText(mapText);
  if (!mapping.ok) return { ok: false, error: `--map: ${mapping.error}` };
  const config = importConfigSchema.safeParse({
    file,
    format,
    mapping: mapping.mapping,
    ...(options.has('platform') ? { platform: options.get('platform') } : {}),
    ...(options.has('delimiter') ? { delimiter: options.get('delimiter') } : {}),
  });
  if (!config.success) {
    const issue = config.error.issues[0];
    const option = issue?.path[0] === 'mapping' ? 'map' : String(issue?.path[0] ?? 'config');
    return { ok: false, error: `--${option}: ${issue?.message ?? 'invalid'}` };
  }
  const maxErrors = Number(options.get('max-errors') ?? 50);
  if (!Number.isInteger(maxErrors) || maxErrors < 0) return { ok: false, error: '--max-errors must be a whole number' };
  const dataDir = resolve(options.get('data-dir') ?? (env.EARSHOT_DATA_DIR?.trim() || defaultDataDir(env)));
  return { ok: true, config: config.data, dataDir, maxErrors };
}
