import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../../../../electron/core/analysis/sentiment';

describe('scoreSentiment (the shipped model, no language check)', () => {
  it('labels plain complaints, praise and statements', () => {
    expect(scoreSentiment('Terrible service, worst provider ever').label).toBe('negative');
    expect(scoreSentiment('Brilliant support, thank you').label).toBe('positive');
    expect(scoreSentiment('My new SIM arrives on Tuesday').label).toBe('neutral');
    expect(scoreSentiment('What time does the shop open tomorrow?').label).toBe('neutral');
    expect(scoreSentiment('').label).toBe('neutral');
  });

  it('keeps the score within -1..+1 and ordered by strength', () => {
    const bad = scoreSentiment('bad');
    const terrible = scoreSentiment('terrible awful horrible worst disgusting scam');
    expect(terrible.score).toBeGreaterThanOrEqual(-1);
    expect(terrible.score).toBeLessThan(bad.score);
    expect(bad.score).toBeLessThan(0);
  });

  it('reads general words and emoji standing alone, and holds no trade vocabulary of its own', () => {
    expect(scoreSentiment('kudos').label).toBe('positive');
    expect(scoreSentiment('@KestrelMobile 😡').label).toBe('negative');
    // "outage" is a trade's word: a workspace teaches it through corrections; the general model leans only weakly.
    expect(Math.abs(scoreSentiment('outage').score)).toBeLessThan(0.5);
  });

  it('still scores words and emoji written without spaces between them', () => {
    // Customers write "awful😡" and "😡😡😡"; the tokenizer splits on spaces only.
    expect(scoreSentiment('awful😡').label).toBe('negative');
    expect(scoreSentiment('😡😡😡').label).toBe('negative');
    expect(scoreSentiment('thanks👍').label).toBe('positive');
  });
});
