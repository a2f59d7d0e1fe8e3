/**
 * `earshot/sql-in-store` (eslint-rules/sql-in-store.mjs) with the project's real configuration on
 * small sources placed inside and outside the store, so a rule switched off or scoped wrongly fails here.
 */
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  await eslint.lintText('export {};\n', { filePath: join(ROOT, 'shared/probe.ts') });
}, 120_000);

async function sqlErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'earshot/sql-in-store').map((m) => m.message);
}

const QUERY = "export const f = (db: { prepare(s: string): unknown }) => db.prepare('SELECT id FROM mentions WHERE id = ?');\n";

describe('SQL lives in the store', () => {
  it('a query module may prepare statements', async () => {
    expect(await sqlErrors('electron/core/store/queries/probe.ts', QUERY)).toEqual([]);
  });

  it('a domain folder may not prepare, pragma or exec on a database, nor hold SQL text', async () => {
    const prepared = await sqlErrors('electron/core/drills/probe.ts', QUERY);
    expect(prepared).toHaveLength(2);
    expect(prepared[0]).toContain('.prepare()');
    expect(prepared[1]).toContain('holds SQL text');
    const others = await sqlErrors(
      'electron/core/review/probe.ts',
      [
        'export function g(store: { db: { pragma(s: string): unknown; exec(s: string): unknown } }, sql: string) {',
        "  store.db.pragma('journal_mode = DELETE');",
        '  store.db.exec(sql);',
        '}',
        // Handed to a helper is still SQL written outside the store.
        'export const UPDATE_SQL = `UPDATE alerts SET title = ? WHERE id = ${1}`;',
        '',
      ].join('\n'),
    );
    expect(others).toHaveLength(3);
  });

  it('the renderer, shared/ and the command line are held to it too', async () => {
    expect(await sqlErrors('renderer/src/views/x/probe.ts', "export const q = 'DELETE FROM mentions';\n")).toHaveLength(1);
    expect(await sqlErrors('shared/logic/probe.ts', "export const q = 'INSERT INTO topics (name) VALUES (?)';\n")).toHaveLength(1);
    expect(await sqlErrors('electron/cli/commands/probe-command.ts', QUERY)).toHaveLength(2);
  });

  it('regular expressions and words that only look like SQL are not SQL', async () => {
    const code = [
      "export const m = /^(\\d+)$/.exec('12');",
      'export function n(pattern: RegExp, s: string) { return pattern.exec(s); }',
      "export const isField = (tag: string) => tag === 'SELECT' || tag === 'INPUT';",
      "export const label = 'Select a source to update its settings';",
      '',
    ].join('\n');
    expect(await sqlErrors('electron/core/sources/probe.ts', code)).toEqual([]);
  });
});
