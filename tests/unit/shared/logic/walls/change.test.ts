import { describe, expect, it } from 'vitest';
import { formatChange } from '@shared/logic/walls/change';

describe('a number against the same window earlier', () => {
  it('says up or down in percent, with a mark and not only a colour', () => {
    expect(formatChange(412, 100)).toBe('▲ 312%');
    expect(formatChange(60, 100)).toBe('▼ 40%');
    expect(formatChange(100, 100)).toBe('same');
  });
  it('says the multiple past ten times, and copes with nothing before', () => {
    expect(formatChange(1057, 50)).toBe('▲ 21×');
    expect(formatChange(5, 0)).toBe('▲ from 0');
    expect(formatChange(0, 0)).toBe('same (none)');
  });
});
