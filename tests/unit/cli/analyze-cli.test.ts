/** `npm run analyze`: one JSON line per row, clear errors for a missing column, bad rows on stderr. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../support/core-helpers';

const tempDir = useTempDirs();
const root = join(__dirname, '../../..');

function analyze(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/analyze.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return {
    code: r.status,
    out: r.stdout.trim()
      ? r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Record<string, unknown>)
      : [],
    err: r.stderr,
  };
}

describe('analyze CLI', () => {
  it('scores a CSV with chosen columns, reporting bad rows by number', () => {
    const file = join(tempDir(), 'posts.csv');
    writeFileSync(
      file,
      'ref,body\n7,"@united flight cancelled, on hold for hours. worst"\n8,"thank you so much, great crew!"\n9,"el vuelo está retrasado y nadie nos dice nada"\n10,"unterminated\n',
    );
    const r = analyze(file, '--text-column', 'body', '--id-column', 'ref');
    expect(r.out.slice(0, 3)).toEqual([
      expect.objectContaining({ id: '7', sentiment: 'negative', language: 'en', intents: expect.arrayContaining(['complaint']) }),
      expect.objectContaining({ id: '8', sentiment: 'positive', intents: ['praise'] }),
      expect.objectContaining({ id: '9', sentiment: 'unknown', language: 'es' }),
    ]);
    for (const row of r.out)
      expect(Object.keys(row).sort()).toEqual(['confidence', 'emotion', 'emotionScores', 'id', 'intents', 'language', 'score', 'sentiment']);
    // Emotion: a class and a probability per class for English; unknown (no scores) for Spanish.
    const english = r.out.find((row) => row.id === '7')!;
    expect(['anger', 'joy', 'optimism', 'sadness']).toContain(english.emotion);
    expect(Object.keys(english.emotionScores as object).sort()).toEqual(['anger', 'joy', 'optimism', 'sadness']);
    const sum = Object.values(english.emotionScores as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(0.99);
    expect(sum).toBeLessThan(1.01);
    expect(r.out.find((row) => row.id === '9')).toMatchObject({ emotion: 'unknown', emotionScores: null });
    expect(r.err).toMatch(/row \d+: Quote Not Closed.*skipped/);
    expect(r.err).toMatch(/analyzed 3 rows, skipped 1/);
    expect(r.code).toBe(0);
  }, 90_000);

  it('names a missing column and exits 2', () => {
    const file = join(tempDir(), 'posts.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const r = analyze(file, '--text-column', 'text');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no text column "text"; the columns are: a, b/);
    expect(r.out).toEqual([]);
  }, 90_000);

  it('reads JSONL, skipping bad lines with their row number', () => {
    const file = join(tempDir(), 'posts.jsonl');
    writeFileSync(file, '{"id":"a","text":"love it"}\nnot json\n[1,2]\n{"id":"b","note":"no text field"}\n{"text":"😡😡"}\n');
    const r = analyze(file);
    expect(r.out.map((o) => [o.id, o.sentiment])).toEqual([
      ['a', 'positive'],
      ['5', 'negative'],
    ]);
    expect(r.err).toMatch(/row 2: not valid JSON/);
    expect(r.err).toMatch(/row 3: not a JSON object/);
    expect(r.err).toMatch(/row 4: no text field/);
  }, 90_000);

  it("with --adapt, learns the trade's words from a labelled set first, reporting unusable rows by number", () => {
    const dir = tempDir();
    const labelled = join(dir, 'labelled.csv');
    const cities = ['boston', 'denver', 'austin', 'seattle', 'miami', 'dallas', 'tampa', 'reno', 'omaha', 'fresno'];
    const rows = cities.flatMap((c) => [`"outage in ${c} since noon",negative`, `"the ${c} store opens at nine",neutral`]);
    writeFileSync(labelled, `text,sentiment\n${rows.join('\n')}\n"fine",maybe\n"",positive\n`);
    const posts = join(dir, 'posts.csv');
    writeFileSync(posts, 'id,text\n1,"another outage downtown"\n');
    // The shipped model holds no trade words: "outage" alone reads as neutral.
    expect(analyze(posts).out[0]).toMatchObject({ id: '1', sentiment: 'neutral' });
    const r = analyze(posts, '--adapt', labelled);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatchObject({ id: '1', sentiment: 'negative' });
    expect(r.err).toMatch(/labelled\.csv row 22: label "maybe" is not negative, neutral or positive; skipped/);
    expect(r.err).toMatch(/labelled\.csv row 23: no text; skipped/);
    expect(r.err).toMatch(/adapted to 20 labelled posts/);
  }, 90_000);

  it('names a missing label column, and refuses label options without --adapt', () => {
    const dir = tempDir();
    const labelled = join(dir, 'labelled.jsonl');
    writeFileSync(labelled, '{"text":"down again","tag":"negative"}\n');
    const posts = join(dir, 'posts.csv');
    writeFileSync(posts, 'text\nhello\n');
    const missing = analyze(posts, '--adapt', labelled);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /--adapt: .*labelled\.jsonl: no label column found \(looked for sentiment, label, airline_sentiment, polarity\); name it with --label-column; the columns are: text, tag/,
    );
    expect(missing.out).toEqual([]);
    expect(analyze(posts, '--adapt', labelled, '--label-column', 'tag').out[0]).toMatchObject({ sentiment: expect.any(String) });
    const orphan = analyze(posts, '--label-column', 'tag');
    expect(orphan.code).toBe(2);
    expect(orphan.err).toMatch(/--adapt-text-column and --label-column need --adapt/);
  }, 90_000);
});
