/**
 * care.kpis over 24 h on the scale bench's folder, the previous read against the current one, in
 * the same run and with the same answer checked. The cached folder is shared and may be open by a
 * serve of an older schema, so it is only read: its conversations are copied into a temporary
 * store of the current schema (one table, about 140,000 rows at 10 M), and the previous read is
 * also timed on the folder itself. `npx tsx tests/bench/care-kpis-scale.bench.ts [-- --mentions N] [--calls N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { computeKpis, type KpiOptions } from '@shared/logic/care/kpis';
import { DEFAULT_CARE_SETTINGS } from '../../electron/core/care/settings';
import { openDatabase } from '../../electron/core/store/database';
import { toKpiConversation, type KpiRow } from '../../electron/core/store/queries/care/kpis';
import { createStore, DATABASE_FILE } from '../../electron/core/store/store';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const mentions = arg('mentions', 10_000_000);
const calls = arg('calls', 20);
const cache = process.env.EARSHOT_BENCH_SCALE_CACHE ?? join(homedir(), '.cache', 'earshot-bench-scale');
const sourceFile = join(cache, `${mentions}-14d`, DATABASE_FILE);

/** The read care.kpis made before migration 020: every conversation of the period and every open one, in full. */
const PREVIOUS_SQL = `SELECT opened_at, first_response_at, resolved_at, resolution, sentiment_first, sentiment_last, csat, nps, survey_asked_at,
  survey_answered_at, assignee, team_id FROM care_conversations
  WHERE drill_run_id IS NULL AND needs_reply = 1 AND ((opened_at >= ? AND opened_at < ?) OR (status <> 'resolved' AND opened_at < ?))`;

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil((p / 100) * s.length) - 1]!;
}

function time(label: string, run: () => unknown): { label: string; p50: number; p95: number; answer: unknown } {
  const ms: number[] = [];
  let answer: unknown;
  for (let i = 0; i < calls; i += 1) {
    const t = performance.now();
    answer = run();
    ms.push(performance.now() - t);
  }
  return { label, p50: percentile(ms, 50), p95: percentile(ms, 95), answer };
}

const source = new Database(sourceFile, { readonly: true, fileMustExist: true });
const dir = mkdtempSync(join(tmpdir(), 'earshot-kpis-bench-'));
try {
  const db = openDatabase(join(dir, DATABASE_FILE));
  const store = createStore(db);
  const columns = (source.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('care_conversations') as string[]).filter((c) =>
    (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('care_conversations') as string[]).includes(c),
  );
  const load = performance.now();
  db.pragma('foreign_keys = OFF');
  const insert = db.prepare(`INSERT INTO care_conversations (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (const row of source
      .prepare(`SELECT ${columns.join(', ')} FROM care_conversations`)
      .raw()
      .iterate()) {
      const values = row as unknown[];
      values[columns.indexOf('customer_id')] = null;
      insert.run(...values);
    }
  })();
  const copied = (db.prepare('SELECT COUNT(*) FROM care_conversations').pluck().get() as number) ?? 0;
  const copyMs = performance.now() - load;

  const newest = db.prepare('SELECT MAX(opened_at) FROM care_conversations').pluck().get() as number;
  const to = newest + 60_000;
  const from = to - 86_400_000;
  const options: KpiOptions = { asOf: to, businessHours: DEFAULT_CARE_SETTINGS.businessHours, targetMinutes: DEFAULT_CARE_SETTINGS.responseTargetMinutes };
  const previous = (d: Database.Database) => () => computeKpis((d.prepare(PREVIOUS_SQL).all(from, to, to) as KpiRow[]).map(toKpiConversation), options);
  const current = () => {
    const { touched, untouched } = store.care.forKpis(from, to, options.asOf, options.targetMinutes!);
    return computeKpis(touched, options, untouched);
  };
  const results = [
    time('previous read, on the folder itself', previous(source)),
    time('previous read, on the copied conversations', previous(db)),
    time('current read (migration 020), on the copied conversations', current),
  ];
  const same = isDeepStrictEqual(results[1]!.answer, results[2]!.answer) && isDeepStrictEqual(results[0]!.answer, results[2]!.answer);
  console.log(`${copied} conversations copied from ${sourceFile} in ${Math.round(copyMs)} ms; 24 h ending ${new Date(to).toISOString()}; ${calls} calls each`);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const r of results) console.log(`${r.label.padEnd(60)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms`);
  const answer = results[2]!.answer as ReturnType<typeof computeKpis>;
  console.log(`same answer: ${same}; conversations ${answer.conversations}, backlog ${answer.backlog.open}, breaches ${answer.breaches.count}`);
  console.log(
    `RESULT ${JSON.stringify({ copied, calls, same, previousMsP95: results[0]!.p95, previousCopyMsP95: results[1]!.p95, currentMsP95: results[2]!.p95 })}`,
  );
  store.close();
  if (!same) process.exitCode = 1;
} finally {
  source.close();
  rmSync(dir, { recursive: true, force: true });
}
