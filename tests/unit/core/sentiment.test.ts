import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../../../electron/core/analysis/sentiment';

describe('scoreSentiment (the shipped model, no language check)', () => {
  it('labels plain complaints, praise and statements', () => {
    expect(scoreSentiment('Terrible service, worst provider ever').label).toBe('negative');
    expect(scoreSentiment('Brilliant support, thank you').label).toBe('positive');
    expect(scoreSentiment('Just got my SIM in the post').label).toBe('neutral');
    expect(scoreSentiment('').label).toBe('neutral');
  });

  it('keeps the score within -1..+1 and ordered by strength', () => {
    const bad = scoreSentiment('bad');
    const terrible = scoreSentiment('terrible awful horrible worst disgusting scam');
    expect(terrible.score).toBeGreaterThanOrEqual(-1);
    expect(terrible.score).toBeLessThan(bad.score);
    expect(bad.score).toBeLessThan(0);
  });

  it('counts the care vocabulary, emoji included, when they stand alone', () => {
    expect(scoreSentiment('outage').label).toBe('negative');
    expect(scoreSentiment('kudos').label).toBe('positive');
    expect(scoreSentiment('@KestrelMobile 😡').label).toBe('negative');
  });

  it('still scores words and emoji written without spaces between them', () => {
    // Customers write "awful😡" and "😡😡😡"; the tokenizer splits on spaces only.
    expect(scoreSentiment('awful😡').label).toBe('negative');
    expect(scoreSentiment('😡😡😡').label).toBe('negative');
    expect(scoreSentiment('thanks👍').label).toBe('positive');
  });
});
