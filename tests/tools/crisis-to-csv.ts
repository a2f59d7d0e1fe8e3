/**
 * `npx tsx tests/tools/crisis-to-csv.ts EVENT OUT.csv [--only-text]`: one CrisisLexT26 timeline from
 * ../shared/data/crisis-timelines as the `id,text,time` CSV `npm run detect` reads. EVENT is the
 * file prefix, e.g. 2013_Russia_meteor.
 *
 * The data set publishes the text of a labelled subset only; every other tweet has just its id and
 * time. Those rows are kept (the timeline's volume is the point) with a text that says so and lists
 * the keywords the tweet was collected by, so a topic whose query names one of them counts it, as it
 * counted at collection. `--only-text` drops them instead (volume then falls to the labelled subset).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA_DIR } from '../support/shared-data';
import { crisisRows } from '../bench/crisis-data';

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function crisisCsv(event: string, onlyText: boolean, dir = join(SHARED_DATA_DIR, 'crisis-timelines')): { csv: string; rows: number; withText: number } {
  const description = JSON.parse(readFileSync(join(dir, `${event}-event_description.json`), 'utf8')) as { keywords?: unknown };
  const keywords = Array.isArray(description.keywords) ? description.keywords.filter((k): k is string => typeof k === 'string') : [];
  const placeholder = `[text not published in the data set; collected by the keywords: ${keywords.join(', ')}]`;
  const lines = ['id,text,time'];
  let withText = 0;
  for (const row of crisisRows(dir, event)) {
    if (row.text !== null) withText++;
    else if (onlyText) continue;
    lines.push([row.id, csvField((row.text ?? placeholder).replace(/\r?\n/g, ' ')), new Date(row.at).toISOString()].join(','));
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1, withText };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const onlyText = args.includes('--only-text');
  const [event, out] = args.filter((a) => !a.startsWith('--'));
  if (!event || !out) {
    process.stderr.write('Usage: npx tsx tests/tools/crisis-to-csv.ts EVENT OUT.csv [--only-text]\n');
    process.exit(2);
  }
  const { csv, rows, withText } = crisisCsv(event, onlyText);
  writeFileSync(out, csv);
  process.stdout.write(`${out}: ${rows} rows, ${withText} with their text\n`);
}
