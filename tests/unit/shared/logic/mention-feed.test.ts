import { describe, expect, it } from 'vitest';
import type { Mention } from '@shared/domain/mention';
import { mergeMentions } from '@shared/logic/mention-feed';

function mention(id: number, text = `m${id}`): Mention {
  return {
    id,
    sourceId: 'demo',
    externalId: `e${id}`,
    platform: 'x',
    text,
    url: null,
    lang: 'en',
    publishedAt: id * 1000,
    ingestedAt: id * 1000,
    authorHandle: 'a',
    authorName: null,
    authorFollowers: null,
    authorVerified: false,
    likes: null,
    reposts: null,
    replies: null,
    replyTo: null,
    sentiment: 'neutral',
    sentimentScore: 0,
    sentimentConfidence: 0.5,
    intents: [],
    clout: 0,
    urgency: 0,
    topicIds: [],
    episode: null,
    heardAt: 0,
    drillRunId: null,
  };
}

describe('mergeMentions', () => {
  it('puts new mentions first and removes duplicates', () => {
    const merged = mergeMentions([mention(2), mention(1)], [mention(4), mention(3), mention(2, 'again')]);
    expect(merged.map((m) => m.id)).toEqual([4, 3, 2, 1]);
    expect(merged[2]?.text).toBe('again');
  });

  it('does not depend on whether the snapshot or the delta came first', () => {
    const a = mergeMentions(mergeMentions([], [mention(5)]), [mention(4), mention(3)]);
    const b = mergeMentions(mergeMentions([], [mention(4), mention(3)]), [mention(5)]);
    expect(a.map((m) => m.id)).toEqual(b.map((m) => m.id));
  });

  it('keeps only the newest up to the cap', () => {
    const many = Array.from({ length: 80 }, (_, i) => mention(i + 1));
    const merged = mergeMentions([], many);
    expect(merged).toHaveLength(50);
    expect(merged[0]?.id).toBe(80);
    expect(merged[49]?.id).toBe(31);
    expect(mergeMentions([], many, 3).map((m) => m.id)).toEqual([80, 79, 78]);
  });
});
