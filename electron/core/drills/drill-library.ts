/** The built-in scenario library: `resources/drills/*.json`, read once, checked like any import. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDrillScenarioText, type DrillScenario } from '@shared/contract/drill-schema';
import type { Logger } from '../base/logger';

/** Where the built-ins live: next to the built app (`out/main` → `../../resources`), the source tree, a packaged app, or the working directory. */
export function drillLibraryCandidates(): string[] {
  const dirs: string[] = [];
  if (typeof __dirname === 'string') dirs.push(join(__dirname, '../../resources/drills'), join(__dirname, '../../../resources/drills'));
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) dirs.push(join(resourcesPath, 'drills'), join(resourcesPath, 'app.asar.unpacked/resources/drills'));
  dirs.push(join(process.cwd(), 'resources/drills'));
  return dirs;
}

export function loadBuiltInDrills(logger: Logger, dir: string | null = drillLibraryCandidates().find((d) => existsSync(d)) ?? null): DrillScenario[] {
  if (dir === null) {
    logger.warn('built-in drill scenarios not found', { looked: drillLibraryCandidates().join(', ') });
    return [];
  }
  const out: DrillScenario[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const parsed = parseDrillScenarioText(readFileSync(join(dir, file), 'utf8'));
    if (!parsed.ok) {
      logger.error('built-in drill scenario is invalid', { file, errors: parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ') });
      continue;
    }
    out.push(parsed.scenario);
  }
  return out;
}
