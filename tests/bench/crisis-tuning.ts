/**
 * `npx tsx tests/bench/crisis-tuning.ts`: the grid search behind the default rate rules. It scores
 * each setting on the tuning crises only (caught = first alert after the onset and at most 10 min
 * after the surge; then the lag from the onset) under a cap on false alerts per calm topic-week,
 * and prints the validation crises for the chosen setting and the current defaults once, at the end.
 */
import { join } from 'node:path';
import type { AlertRuleInput, RateParams } from '@shared/domain/alert-rule';
import { DEFAULT_RULES } from '@shared/logic/alerts/defaults';
import { MINUTE_MS } from '@shared/logic/time';
import { SHARED_DATA_DIR } from '../support/shared-data';
import { CRISES, calmWeek, crisisRun, firstFiring, openings, type CrisisRun } from './crisis-data';

const dir = join(SHARED_DATA_DIR, 'crisis-timelines');
const BASE = DEFAULT_RULES.filter((r) => r.params.kind === 'volume-spike' || r.params.kind === 'negative-surge');
/** The cap a setting must meet on calm data (half the goal, for a margin). */
const MAX_FALSE_PER_WEEK = 0.5;

function rulesWith(change: Partial<RateParams>): AlertRuleInput[] {
  return BASE.map((r) => {
    const p = r.params as RateParams & { kind: string };
    // The negative surge keeps its higher floor relative to the volume spike.
    const minCount = change.minCount === undefined ? p.minCount : p.kind === 'negative-surge' ? Math.round(change.minCount * 1.5) : change.minCount;
    return { ...r, params: { ...r.params, ...change, minCount } } as AlertRuleInput;
  });
}

function score(rules: AlertRuleInput[], runs: CrisisRun[]): { caught: number; lags: number[] } {
  let caught = 0;
  const lags: number[] = [];
  for (const run of runs) {
    const first = firstFiring(rules, run.series, run.from, run.to);
    if (!first || run.surge === null) continue;
    const ok = first.at >= run.crisis.onset && first.at - run.surge <= 10 * MINUTE_MS;
    if (ok) caught++;
    lags.push((first.at - run.crisis.onset) / MINUTE_MS);
  }
  return { caught, lags };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Infinity : s[s.length >> 1]!;
};

async function main(): Promise<void> {
  const train = CRISES.filter((c) => c.split === 'train').map((c) => crisisRun(dir, c));
  const validation = CRISES.filter((c) => c.split === 'validation').map((c) => crisisRun(dir, c));
  const calm = await Promise.all(
    [
      [0.5, 1],
      [3, 2],
      [30, 3],
      [120, 4],
    ].map(([rate, seed]) => calmWeek(rate!, seed!)),
  );
  const rows: Array<{ change: Partial<RateParams>; caught: number; lag: number; falses: number }> = [];
  for (const sensitivity of [3, 4, 5, 6]) {
    for (const minCount of [5, 8, 10, 15]) {
      for (const minRatio of [2, 3]) {
        const change = { sensitivity, minCount, minRatio };
        const rules = rulesWith(change);
        const falses = calm.reduce((n, w) => n + openings(rules, w.series, w.from, w.to).length, 0) / calm.length;
        const { caught, lags } = score(rules, train);
        rows.push({ change, caught, lag: median(lags), falses });
        console.log(JSON.stringify({ ...change, trainCaught: caught, medianLagFromOnset: median(lags), falsePerWeek: falses }));
      }
    }
  }
  // Ties keep what is closest to the current defaults: no change without evidence for it.
  const now = BASE[1]!.params as RateParams;
  const distance = (c: Partial<RateParams>): number =>
    Math.abs(c.sensitivity! - now.sensitivity) + Math.abs(c.minCount! - now.minCount) / 5 + Math.abs(c.minRatio! - now.minRatio);
  const eligible = rows
    .filter((r) => r.falses <= MAX_FALSE_PER_WEEK)
    .sort((a, b) => b.caught - a.caught || a.lag - b.lag || a.falses - b.falses || distance(a.change) - distance(b.change));
  const chosen = eligible[0]!;
  console.log('chosen on the tuning crises:', JSON.stringify(chosen));
  const current = BASE[1]!.params as RateParams;
  for (const [name, change] of [
    ['chosen', chosen.change],
    ['current defaults', { sensitivity: current.sensitivity, minCount: current.minCount, minRatio: current.minRatio }],
  ] as const) {
    const { caught, lags } = score(rulesWith(change), validation);
    console.log(`validation, ${name}: caught ${caught} of ${validation.length}, lags from onset ${lags.map((l) => l.toFixed(0)).join(', ')} min`);
  }
}

void main();
