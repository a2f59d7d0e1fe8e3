/**
 * Crisis drills (scenario library, running a drill, drill reports). Scenario documents are
 * checked by `../drill-schema.ts`; the library is the built-ins (read-only) plus the user's own.
 */
import { z } from 'zod';
import { change, read, type MethodAccess } from '../access';
import type { DrillReport } from '../../logic/drills/report';
import type { DrillScenario, DrillSchemaError } from '../drill-schema';
import { drillIdSchema } from '../drill-schema';

/** The JSON of one scenario document (a built-in is about 5 KB). */
export const MAX_DRILL_JSON_CHARS = 200_000;
export const MIN_DRILL_SPEED = 0.25;
export const MAX_DRILL_SPEED = 60;

const by = z.string().trim().min(1, 'say who you are').max(80);

export interface DrillScenarioEntry {
  scenario: DrillScenario;
  /** Built-ins ship with the app: read-only, but can be duplicated. */
  builtIn: boolean;
  /** Posts the whole scenario injects. */
  total: number;
  updatedAt: number | null;
}

export interface DrillRunState {
  id: number;
  scenarioId: string;
  scenarioName: string;
  startedAt: number;
  startedBy: string;
  speed: number;
  /** Scenario time reached (ms since the start, times speed). */
  offsetMs: number;
  /** Scenario length in ms (without the grace period). */
  durationMs: number;
  /** When (real time) the drill ends by itself. */
  endsAt: number;
  injected: number;
  total: number;
  /** Names of the waves running now. */
  activeWaves: string[];
  alerts: number;
  conversations: number;
}

export interface DrillRunRecord {
  id: number;
  scenarioId: string;
  scenarioName: string;
  startedAt: number;
  startedBy: string;
  stoppedAt: number | null;
  stoppedBy: string | null;
  status: 'running' | 'stopped' | 'finished' | 'interrupted';
  report: DrillReport | null;
}

export type DrillSaveResult = { ok: true; entry: DrillScenarioEntry } | { ok: false; errors: DrillSchemaError[] };

export const drillsParams = {
  /** Built-in and own scenarios. */
  'drills.library': z.object({}).strict(),
  /** Saves an own scenario from its JSON (also how an import lands); errors name the JSON path. */
  'drills.save': z.object({ json: z.string().max(MAX_DRILL_JSON_CHARS, `a scenario is at most ${MAX_DRILL_JSON_CHARS} characters of JSON`) }).strict(),
  /** Copies any scenario (built-ins too) under a new id, as an own scenario. */
  'drills.duplicate': z.object({ id: drillIdSchema, newId: drillIdSchema.optional(), name: z.string().trim().min(1).max(100).optional() }).strict(),
  /** Deletes an own scenario (built-ins cannot be deleted). */
  'drills.delete': z.object({ id: drillIdSchema }).strict(),
  /** Starts a drill (only one at a time). `speed` compresses scenario time (2 = twice as fast). */
  'drills.start': z.object({ scenarioId: drillIdSchema, by, speed: z.number().min(MIN_DRILL_SPEED).max(MAX_DRILL_SPEED).optional() }).strict(),
  /** Stops the running drill: writes its report, then removes everything it injected. */
  'drills.stop': z.object({ by }).strict(),
  /** The running drill, if any. */
  'drills.state': z.object({}).strict(),
  /** Past and current runs, newest first, with their reports. */
  'drills.runs': z.object({ limit: z.number().int().min(1).max(200).default(50) }).strict(),
} as const satisfies Record<string, z.ZodType>;

/** The least role each call needs and whether it changes state (see `../access.ts`). */
export const drillsAccess = {
  'drills.library': read('lead'),
  'drills.save': change('lead'),
  'drills.duplicate': change('lead'),
  'drills.delete': change('lead'),
  'drills.start': change('lead', 'by'),
  'drills.stop': change('lead', 'by'),
  // The drill banner of every wall.
  'drills.state': read('wall'),
  'drills.runs': read('lead'),
} as const satisfies Record<keyof typeof drillsParams, MethodAccess>;

export interface DrillsResults {
  'drills.library': { scenarios: DrillScenarioEntry[] };
  'drills.save': DrillSaveResult;
  'drills.duplicate': { entry: DrillScenarioEntry };
  'drills.delete': { deleted: boolean };
  'drills.start': { run: DrillRunState };
  'drills.stop': { run: DrillRunRecord };
  'drills.state': { run: DrillRunState | null };
  'drills.runs': { runs: DrillRunRecord[] };
}

export interface DrillsEvents {
  /** The running drill (progress every few seconds), or null when none runs: drives the DRILL banner. */
  'drills.state': { run: DrillRunState | null };
}

export const DRILLS_EVENT_TOPICS = ['drills.state'] as const satisfies readonly (keyof DrillsEvents)[];
