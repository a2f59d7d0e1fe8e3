/**
 * `npm run bench:crisis`: the default rate rules on the shared crisis timelines (lag of the topic's
 * first alert from the onset and from the topic's first surge) and on calm topic-weeks (false
 * alerts per topic-week). The tuning crises and the validation crises are printed apart.
 */
import { join } from 'node:path';
import { DEFAULT_RULES } from '@shared/logic/alerts/defaults';
import { MINUTE_MS } from '@shared/logic/time';
import { SHARED_DATA_DIR } from '../support/shared-data';
import { CRISES, calmWeek, crisisRun, firstFiring, openings } from './crisis-data';

const RULES = DEFAULT_RULES.filter((r) => r.params.kind === 'volume-spike' || r.params.kind === 'negative-surge');
const dir = join(SHARED_DATA_DIR, 'crisis-timelines');

const minutes = (ms: number | null): string => (ms === null ? '—' : (ms / MINUTE_MS).toFixed(1));

async function main(): Promise<void> {
  console.log(`Default rate rules on the crisis timelines (${new Date().toISOString().slice(0, 10)})`);
  console.log(
    'split       crisis                          onset (UTC)        first alert (UTC)   rule             from onset  from surge  within 10 min of surge',
  );
  const within: Record<string, [number, number]> = { train: [0, 0], validation: [0, 0] };
  for (const crisis of CRISES) {
    const run = crisisRun(dir, crisis);
    const first = firstFiring(RULES, run.series, run.from, run.to);
    const fromSurge = first && run.surge !== null ? first.at - run.surge : null;
    const ok = fromSurge !== null && fromSurge >= 0 && fromSurge <= 10 * MINUTE_MS;
    within[crisis.split]![0] += ok ? 1 : 0;
    within[crisis.split]![1]++;
    console.log(
      [
        crisis.split.padEnd(11),
        crisis.event.padEnd(31),
        new Date(crisis.onset).toISOString().slice(0, 16).padEnd(18),
        (first ? new Date(first.at).toISOString().slice(0, 16) : 'none').padEnd(19),
        (first?.rule ?? '').padEnd(16),
        minutes(first ? first.at - crisis.onset : null).padStart(10),
        minutes(fromSurge).padStart(11),
        ok ? '  yes' : '  NO',
      ].join(' '),
    );
  }
  for (const [split, [ok, n]] of Object.entries(within)) console.log(`${split}: first alert within 10 min of the surge on ${ok} of ${n}`);

  let alerts = 0;
  let weeks = 0;
  for (const [rate, seed] of [
    [0.5, 1],
    [3, 2],
    [30, 3],
    [120, 4],
  ] as const) {
    const week = await calmWeek(rate, seed);
    const n = openings(RULES, week.series, week.from, week.to).length;
    alerts += n;
    weeks++;
    console.log(`calm topic-week at ${rate}/min: ${n} alerts`);
  }
  console.log(`false alerts per topic-week on calm data: ${(alerts / weeks).toFixed(2)} (${alerts} over ${weeks} topic-weeks)`);
}

void main();
