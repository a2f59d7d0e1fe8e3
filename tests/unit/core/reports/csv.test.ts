/** CSV for spreadsheets: RFC 4180 quoting, the UTF-8 BOM, formula injection neutralised; export names. */
import { describe, expect, it } from 'vitest';
import { csvLine, neutraliseCell, toCsv, UTF8_BOM } from '@shared/logic/reports/csv';
import { exportFileName, isExportFileName } from '@shared/logic/reports/file-names';
import { bucketMinutesFor, buildTimeline, rankAuthors } from '@shared/logic/reports/model';

describe('CSV', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180) and ends lines with CRLF', () => {
    expect(csvLine(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere'])).toBe('plain,"a,b","say ""hi""","two\nlines","cr\rhere"');
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', '2'],
          ['x', null],
        ],
      ),
    ).toBe(`${UTF8_BOM}a,b\r\n1,2\r\nx,\r\n`);
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const evil of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseCell(evil)).toBe(`'${evil}`);
    }
    expect(csvLine(['=cmd|" /C calc"!A0'])).toBe(`"'=cmd|"" /C calc""!A0"`);
    // Numbers (including negative ones) stay numbers; text that merely contains = is left alone.
    expect(neutraliseCell(-0.5)).toBe('-0.5');
    expect(neutraliseCell('a = b')).toBe('a = b');
    expect(neutraliseCell(true)).toBe('true');
    expect(neutraliseCell(null)).toBe('');
  });

  it('keeps non-ASCII text intact behind a BOM', () => {
    const csv = toCsv(['text'], [['Ça coûte 10 € 🚀 日本']]);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain('Ça coûte 10 € 🚀 日本');
  });

  it('refuses a row that does not match the header', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow(/1 cells, the header 2/);
  });
});

describe('export file names', () => {
  it('are generated from the subject and time only, and checked strictly', () => {
    const name = exportFileName({ kind: 'incident', incidentId: 12 }, Date.UTC(2025, 2, 3, 8, 12, 5), 'A1b2C3', 'pdf');
    expect(name).toBe('earshot-report-incident-12-20250303-081205-a1b2c3.pdf');
    expect(isExportFileName(name)).toBe(true);
    expect(isExportFileName('earshot-report-period-20250303-081205.csv')).toBe(true);
    for (const bad of ['../earshot.db', 'earshot-report-x.exe', 'earshot-report-../../a.csv', 'earshot-report-A.csv', 'earshot-report-a.csv/x', ''])
      expect(isExportFileName(bad)).toBe(false);
  });
});

describe('report model logic', () => {
  it('chooses per-minute buckets up to 4 hours, coarser after', () => {
    const h = 3_600_000;
    expect(bucketMinutesFor(0, 4 * h)).toBe(1);
    expect(bucketMinutesFor(0, 4 * h + 60_000)).toBe(5);
    expect(bucketMinutesFor(0, 24 * h)).toBe(15);
    expect(bucketMinutesFor(0, 31 * 24 * h)).toBe(360);
  });

  it('builds an even timeline with net sentiment per bucket', () => {
    const t = buildTimeline(
      [
        { at: 0, sentiment: 'positive', count: 3 },
        { at: 0, sentiment: 'negative', count: 1 },
        { at: 120_000, sentiment: 'unknown', count: 2 },
      ],
      0,
      180_000,
      1,
    );
    expect(t.map((b) => b.total)).toEqual([4, 0, 2]);
    expect(t.map((b) => b.net)).toEqual([50, null, null]);
  });

  it('ranks authors by clout, then followers, with their negative share', () => {
    const ranked = rankAuthors(
      [
        { platform: 'x', handle: 'a', name: null, clout: 50, followers: 10, mentions: 4, negative: 1 },
        { platform: 'x', handle: 'b', name: null, clout: 80, followers: 5, mentions: 2, negative: 2 },
        { platform: 'x', handle: 'c', name: null, clout: 50, followers: 99, mentions: 1, negative: 0 },
      ],
      2,
    );
    expect(ranked.map((a) => [a.handle, a.negativeShare])).toEqual([
      ['b', 1],
      ['c', 0],
    ]);
  });
});
