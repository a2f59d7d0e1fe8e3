import { describe, expect, it } from 'vitest';
import type { MinuteBucket } from '@shared/domain/volume';
import { expectedBand, historyMinutesFor } from '@shared/logic/walls/expected-band';
import { MINUTE_MS } from '@shared/logic/time';

const T0 = Date.UTC(2025, 0, 6, 9, 0);
const bucket = (i: number, total: number): MinuteBucket => ({ minute: T0 + i * MINUTE_MS, total, positive: 0, neutral: total, negative: 0, reach: 0 });

describe('the expected band on the volume chart', () => {
  it('holds the usual rate, and a spike leaves it', () => {
    const shown = 60;
    const n = historyMinutesFor(shown);
    const history = Array.from({ length: n }, (_, i) => bucket(i, i >= n - 5 ? 80 : 10 + (i % 3)));
    const bands = expectedBand(history, shown);
    expect(bands).toHaveLength(shown);
    const last = bands[shown - 1]!;
    expect(last.low).toBeLessThan(11);
    expect(last.high).toBeGreaterThan(11);
    expect(last.high).toBeLessThan(80); // the spike is out of the band…
    expect(bands[shown - 10]!.high).toBeGreaterThan(12); // …the calm minutes are inside theirs
  });

  it('has no band where there is too little history', () => {
    const bands = expectedBand([bucket(0, 5), bucket(1, 5), bucket(2, 5)], 3);
    expect(bands).toEqual([null, null, null]);
    expect(expectedBand([], 10)).toEqual([]);
  });
});
