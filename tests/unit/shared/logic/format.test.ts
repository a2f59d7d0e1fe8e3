import { describe, expect, it } from 'vitest';
import { formatAgo, formatCompact, formatDuration, formatIn, formatNet, percentShares } from '@shared/logic/format';

describe('formatCompact', () => {
  it('keeps small numbers whole', () => {
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(999)).toBe('999');
  });

  it('uses one decimal below ten units and none above', () => {
    expect(formatCompact(1000)).toBe('1K');
    expect(formatCompact(1234)).toBe('1.2K');
    expect(formatCompact(12_345)).toBe('12K');
    expect(formatCompact(123_456)).toBe('123K');
    expect(formatCompact(1_200_000)).toBe('1.2M');
    expect(formatCompact(3_400_000_000)).toBe('3.4B');
  });

  it('rolls over to the next unit instead of "1000K"', () => {
    expect(formatCompact(999_999)).toBe('1M');
  });

  it('never prints NaN', () => {
    expect(formatCompact(Number.NaN)).toBe('—');
  });
});

describe('durations', () => {
  it('picks the largest useful unit', () => {
    expect(formatDuration(3_400)).toBe('3 s');
    expect(formatDuration(125_000)).toBe('2 min');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(4_800_000)).toBe('1 h 20 min');
    expect(formatDuration(3 * 86_400_000)).toBe('3 d');
    expect(formatDuration(-5)).toBe('0 s');
  });

  it('says ago and in', () => {
    expect(formatAgo(1_000, 4_000)).toBe('3 s ago');
    expect(formatAgo(5_000, 4_000)).toBe('just now');
    expect(formatIn(10_000, 4_000)).toBe('in 6 s');
    expect(formatIn(1_000, 4_000)).toBe('now');
  });
});

describe('formatNet', () => {
  it('signs with ASCII so the number parses', () => {
    expect(formatNet(34)).toBe('+34');
    expect(formatNet(-12)).toBe('-12');
    expect(formatNet(0)).toBe('0');
    expect(Number(formatNet(-12))).toBe(-12);
  });

  it('shows a dash when there is no opinion to count', () => {
    expect(formatNet(null)).toBe('—');
  });
});

describe('percentShares', () => {
  it('adds up to 100', () => {
    expect(percentShares([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percentShares([2, 1, 0])).toEqual([67, 33, 0]);
    const shares = percentShares([17, 29, 54]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('is all zeros for nothing', () => {
    expect(percentShares([0, 0, 0])).toEqual([0, 0, 0]);
  });
});
