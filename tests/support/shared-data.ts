/**
 * The real public data sets live beside the repository (`../shared/data`, see its README), not in
 * it: their licences forbid copying. CI has them; a user's checkout may not. Tests that need them
 * run where they exist and say plainly that they were skipped where they do not.
 * `EARSHOT_SHARED_DATA` points elsewhere.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DATA_DIR = resolve(process.env.EARSHOT_SHARED_DATA ?? join(__dirname, '../../../shared/data'));

export function sharedDataFile(name: string): { path: string; available: boolean } {
  const path = join(SHARED_DATA_DIR, name);
  const available = existsSync(path);
  if (!available) console.log(`SKIPPED tests that need ${path}: the shared data folder is not beside this checkout`);
  return { path, available };
}
