/**
 * A sentiment correction made after a moment does not change the replay of that moment: the war
 * room saw the label (and score) the correction replaced. Real services and SQLite; the
 * correction goes through the contract as a window sends it.
 */
import { describe, expect, it } from 'vitest';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';
import { useReviewHarnesses } from './review-harness';

const tempDir = useTempDirs();
const NOW = Date.UTC(2026, 5, 10, 12, 0, 0);
const harness = useReviewHarnesses(tempDir, NOW);

describe('replay and later sentiment corrections', () => {
  it('shows labels, scores, volume and authors as they were before a later correction, and as corrected after it', async () => {
    const h = harness();
    const w = h.window();
    createSource(h.store, 'src');
    h.services.pipeline.ingest(
      'src',
      [
        mentionInput('angry', { text: 'Kestrel is down again, terrible, I hate this, worst service ever', publishedAt: NOW - 30_000, authorHandle: 'dana' }),
        mentionInput('calm', { text: 'Kestrel shop opens at nine', publishedAt: NOW - 20_000, authorHandle: 'lee' }),
      ],
      null,
    );
    const seen = NOW + 60_000;
    const before = (await w.call('review.mentions', { at: seen, limit: 10 })).mentions.find((m) => m.externalId === 'angry')!;
    expect(before.sentiment).toBe('negative');
    const volumeBefore = await w.call('review.volume', { at: seen, minutes: 5, topicId: null });
    const authorsBefore = await w.call('review.authorsTop', { at: seen, windowMinutes: 10, limit: 10 });

    // An analyst relabels it later (the model was wrong about sarcasm, say).
    h.clock.now = NOW + 10 * 60_000;
    await w.call('mentions.correctSentiment', { id: before.id, label: 'positive', by: 'Analyst' });
    const corrected = (await w.call('mentions.recent', { limit: 10 })).mentions.find((m) => m.id === before.id)!;
    expect(corrected).toMatchObject({ sentiment: 'positive', sentimentScore: 1, sentimentConfidence: 1 });

    // The moment before the correction replays as it was seen, label, score and confidence.
    const replayed = (await w.call('review.mentions', { at: seen, limit: 10 })).mentions.find((m) => m.id === before.id)!;
    expect(replayed).toEqual(before);
    expect(await w.call('review.volume', { at: seen, minutes: 5, topicId: null })).toEqual(volumeBefore);
    expect(volumeBefore.buckets.reduce((n, b) => n + b.negative, 0)).toBe(1);
    expect(await w.call('review.authorsTop', { at: seen, windowMinutes: 10, limit: 10 })).toEqual(authorsBefore);
    expect(authorsBefore.authors.find((a) => a.handle === 'dana')!.negative).toBe(1);

    // After the correction, the replay shows the corrected label.
    const after = h.clock.now + 1;
    expect((await w.call('review.mentions', { at: after, limit: 10 })).mentions.find((m) => m.id === before.id)).toMatchObject({
      sentiment: 'positive',
      sentimentScore: 1,
    });
    const volumeAfter = await w.call('review.volume', { at: after, minutes: 15, topicId: null });
    expect(volumeAfter.buckets.reduce((n, b) => n + b.negative, 0)).toBe(0);
    expect(volumeAfter.buckets.reduce((n, b) => n + b.positive, 0)).toBeGreaterThanOrEqual(1);
    expect((await w.call('review.authorsTop', { at: after, windowMinutes: 15, limit: 10 })).authors.find((a) => a.handle === 'dana')!.negative).toBe(0);
  });
});
