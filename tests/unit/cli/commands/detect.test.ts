/**
 * `npm run detect` end to end on a real CSV file: the live engine in simulated time over the
 * file's own timestamps prints each opening as it happens and a summary, and refuses files and
 * queries it cannot use with a message that names the problem.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDetectCommand } from '../../../../electron/cli/commands/detect-command';
import { MINUTE_MS } from '@shared/logic/time';
import { useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const START = Date.UTC(2024, 5, 1, 6, 0);
const BURST = START + 3 * 60 * MINUTE_MS;

/** Three quiet hours (a post every 12 min), then 40 posts in 4 minutes, then quiet again. */
function crisisCsv(withAuthor: boolean): string {
  const lines = [withAuthor ? 'id,text,time,author' : 'id,text,time'];
  let n = 0;
  const add = (at: number, text: string): void => {
    const row = [`p${++n}`, `"${text.replace(/"/g, '""')}"`, new Date(at).toISOString()];
    lines.push((withAuthor ? [...row, `user${n}`] : row).join(','));
  };
  for (let at = START; at < BURST; at += 12 * MINUTE_MS) add(at, 'the harbour bridge looks lovely today');
  for (let i = 0; i < 40; i++) add(BURST + i * 6_000, `harbour bridge closed, smoke everywhere, cars stuck #${i}`);
  for (let at = BURST + 30 * MINUTE_MS; at < BURST + 90 * MINUTE_MS; at += 15 * MINUTE_MS) add(at, 'harbour bridge reopened');
  return `${lines.join('\n')}\n`;
}

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDetectCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('npm run detect', () => {
  it('prints each alert as it opens in simulated time, then a summary with the lag from the surge', { timeout: 120_000 }, async () => {
    const file = join(tempDir(), 'bridge.csv');
    writeFileSync(file, crisisCsv(true));
    const { code, out, err } = await run([file, '--query', 'harbour bridge', '--name', 'Bridge']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.pop()!.summary as Record<string, unknown>;
    expect(lines.length).toBeGreaterThan(0);
    for (const a of lines) expect(Object.keys(a)).toEqual(['rule', 'severity', 'topic', 'title', 'openedAt', 'observed', 'expected']);
    const first = lines[0]!;
    expect(first.topic).toBe('Bridge');
    const openedAt = Date.parse(first.openedAt as string);
    // After the burst began (nothing before it is unusual), within 10 minutes of it.
    expect(openedAt).toBeGreaterThanOrEqual(BURST);
    expect(openedAt - BURST).toBeLessThanOrEqual(10 * MINUTE_MS);
    expect(first.observed as number).toBeGreaterThan(first.expected as number);
    // The 5th post of the burst is its surge moment: posts 6 s apart.
    expect(summary.firstSurgeAt).toBe(new Date(BURST + 4 * 6_000).toISOString());
    expect(summary.alerts).toBe(lines.length);
    expect(summary.filePosts).toBe(summary.stored);
    expect(summary.backgroundPosts).toBe(0);
    expect(summary.firstAlertMinutesAfterSurge as number).toBeLessThanOrEqual(10);
  });

  it('mixes in the calm demo background over the same period without raising alerts of its own', { timeout: 180_000 }, async () => {
    const file = join(tempDir(), 'bridge.csv');
    writeFileSync(file, crisisCsv(false));
    const { code, out } = await run([file, '--query', 'harbour bridge', '--background', 'demo', '--background-rate', '20']);
    expect(code).toBe(0);
    const lines = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.pop()!.summary as Record<string, number>;
    // About 20 a minute over the warm-up and the file's 4.5 hours.
    expect(summary.backgroundPosts).toBeGreaterThan(20 * 60 * 5);
    for (const a of lines) expect(Date.parse(a.openedAt as string)).toBeGreaterThanOrEqual(BURST);
    expect(lines.length).toBeGreaterThan(0);
  });

  it('refuses a file without the needed columns, a query that does not parse, and unknown options, naming each', async () => {
    const file = join(tempDir(), 'bad.csv');
    writeFileSync(file, 'id,body,when\n1,hello,2024-01-01T00:00:00Z\n');
    const missing = await run([file, '--query', 'hello']);
    expect(missing.code).toBe(2);
    expect(missing.err.join('\n')).toMatch(/lacks the columns text, time/);
    const badQuery = await run([file, '--query', '(hello']);
    expect(badQuery.code).toBe(2);
    expect(badQuery.err[0]).toMatch(/--query does not parse/);
    const unknown = await run([file, '--query', 'hello', '--backgroud', 'demo']);
    expect(unknown.err[0]).toBe('detect: unknown option --backgroud');
    const noQuery = await run([file]);
    expect(noQuery.err[0]).toMatch(/--query is required/);
  });
});
