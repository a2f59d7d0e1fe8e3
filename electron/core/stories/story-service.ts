/**
 * Groups each stored post into a story inside the batch's transaction (a story never counts a post
 * that rolled back), and answers "what is driving it": the top stories of a window with the terms
 * that rose, the authors with most reach, the share of reposts, and a plain-language summary.
 */
import type { Mention, MentionSentiment } from '@shared/domain/mention';
import type { SpikeSummary } from '@shared/domain/story';
import { MINUTE_MS } from '@shared/logic/time';
import { normaliseForStory, signatureOf } from '@shared/logic/stories/fingerprint';
import { spikeSummaryText } from '@shared/logic/stories/spike-summary';
import { STORY_WINDOW_MS, StoryIndex } from '@shared/logic/stories/story-index';
import type { IngestPipeline } from '../pipeline/ingest';
import type { MentionText } from '../pipeline/mention-text';
import type { StoryBump } from '../store/queries/stories';
import type { Store } from '../store/store';

const REPOST = /^(?:(?:rt|mt)\s*@|[“"]@)/iu;

export function isRepost(text: string): boolean {
  return REPOST.test(text.trimStart());
}

export class StoryService {
  private index: StoryIndex | null = null;
  /** A batch grouped but not yet committed: if the next batch finds it so, it rolled back. */
  private uncommitted = false;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly risingTerms: (topicId: number | null, minutes: number) => string[] = () => [],
  ) {}

  attach(pipeline: IngestPipeline): void {
    pipeline.addStoredHook((_sourceId, stored, _now, texts) => this.group(stored, texts));
    pipeline.onBatch(() => {
      this.uncommitted = false;
    });
  }

  /**
   * Groups freshly stored mentions (in the batch's transaction) and sets their `storyId`. `texts`
   * holds each mention's fingerprint when it was computed with its scores; without it, here.
   */
  group(stored: Mention[], texts?: readonly MentionText[]): void {
    // The last batch rolled back: its stories are not in the store, so the index forgets them too.
    if (this.uncommitted) this.index = null;
    this.uncommitted = true;
    const index = this.indexed();
    const bumps = new Map<number, StoryBump>();
    const links: number[] = [];
    const order = stored.map((_, i) => i).sort((a, b) => stored[a]!.publishedAt - stored[b]!.publishedAt || stored[a]!.id - stored[b]!.id);
    for (const i of order) {
      const m = stored[i]!;
      const text = texts?.[i];
      const normalised = text ? text.normalised : normaliseForStory(m.text);
      if (normalised === '') continue;
      const signature = text ? text.signature : signatureOf(normalised);
      let storyId = index.find(normalised, signature, m.publishedAt);
      if (storyId === null) {
        storyId = this.store.stories.insert({ firstMentionId: m.id, at: m.publishedAt, normalised, signature });
        index.add({ id: storyId, normalised, signature, lastAt: m.publishedAt });
      } else {
        index.touch(storyId, m.publishedAt);
      }
      links.push(m.id, storyId);
      m.storyId = storyId;
      const b = bumps.get(storyId) ?? { storyId, lastAt: 0, size: 0, reposts: 0, reach: 0, positive: 0, neutral: 0, negative: 0 };
      b.lastAt = Math.max(b.lastAt, m.publishedAt);
      b.size++;
      if (isRepost(m.text)) b.reposts++;
      b.reach += m.authorFollowers ?? 0;
      const s: MentionSentiment = m.sentiment;
      if (s === 'positive' || s === 'neutral' || s === 'negative') b[s]++;
      bumps.set(storyId, b);
    }
    this.store.stories.linkMany(links);
    // One update per story per batch: a story reposted a hundred times in a batch costs one write.
    for (const b of bumps.values()) this.store.stories.bump(b);
  }

  /** What drives the topic's (or everything's) posts over [from, to). */
  spike(topicId: number | null, from: number, to: number, limit = 5): SpikeSummary {
    const stories = this.store.stories.top(topicId, from, to, limit);
    const { posts, reposts } = this.store.stories.window(topicId, from, to);
    const authors = this.store.stories.authorsByReach(topicId, from, to, 3);
    const minutes = Math.max(1, Math.round((to - from) / MINUTE_MS));
    const risingTerms = this.terms(topicId, minutes);
    const repostShare = posts === 0 ? 0 : reposts / posts;
    return {
      topicId,
      from,
      to,
      posts,
      stories,
      risingTerms,
      authors,
      repostShare,
      text: spikeSummaryText({ posts, minutes, stories, risingTerms, authors, repostShare }, from),
    };
  }

  private terms(topicId: number | null, minutes: number): string[] {
    try {
      return this.risingTerms(topicId, minutes);
    } catch {
      // Rising terms are a nicety of the summary; the stories stand without them.
      return [];
    }
  }

  /** The index of stories still growing, rebuilt from the store on first use (after a restart). */
  private indexed(): StoryIndex {
    if (this.index) return this.index;
    const index = new StoryIndex();
    for (const s of this.store.stories.recent(this.now() - STORY_WINDOW_MS)) index.add(s);
    this.index = index;
    return index;
  }
}

/** Mentions with their `storyId`, from any store: a folder from before stories has none. */
export function withStoryIds<T extends { id: number }>(store: Store, mentions: readonly T[]): Array<T & { storyId: number | null }> {
  let ids: Map<number, number>;
  try {
    ids = store.stories.storyIdsOf(mentions.map((m) => m.id));
  } catch {
    ids = new Map();
  }
  return mentions.map((m) => ({ ...m, storyId: ids.get(m.id) ?? null }));
}
