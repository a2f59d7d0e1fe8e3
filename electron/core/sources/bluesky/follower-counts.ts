/**
 * Search results carry only the basic profile of each author, without follower counts, yet reach
 * is what tells an influencer's complaint from anyone else's. This fills them in with
 * app.bsky.actor.getProfiles (25 accounts a call), remembering counts for an hour so a busy search
 * costs a few extra calls per page at most. Best effort: if the lookup fails, the posts are
 * delivered without counts rather than not at all.
 */
import { RateLimitError, type PollContext } from '../adapter';
import { buildUrl } from '../http/http-client';
import type { BlueskyPostView } from './map-post';

export const PROFILES_PER_CALL = 25;
const CACHE_TTL_MS = 60 * 60_000;
const CACHE_MAX = 5_000;

type Ask = (url: URL) => Promise<{ body: unknown }>;

export class FollowerCounts {
  private readonly cache = new Map<string, { followers: number; at: number }>();
  /** After a rate limit, lookups pause until then (the search itself matters more). */
  private pausedUntil = 0;

  constructor(private readonly serviceUrl: string) {}

  /** The posts with `author.followersCount` filled in where known. */
  async fill(context: PollContext, posts: readonly BlueskyPostView[], ask: Ask): Promise<BlueskyPostView[]> {
    const missing = [...new Set(posts.map((p) => p?.author?.did).filter((did): did is string => typeof did === 'string' && did !== ''))].filter(
      (did) => !this.fresh(did, context.now),
    );
    if (missing.length > 0 && context.now >= this.pausedUntil) {
      try {
        for (let i = 0; i < missing.length; i += PROFILES_PER_CALL) {
          const url = buildUrl(this.serviceUrl, ['xrpc', 'app.bsky.actor.getProfiles'], { actors: missing.slice(i, i + PROFILES_PER_CALL) });
          const { body } = await ask(url);
          const profiles = (body as { profiles?: unknown } | null)?.profiles;
          if (!Array.isArray(profiles)) break;
          for (const profile of profiles as Array<{ did?: unknown; followersCount?: unknown }>) {
            if (typeof profile?.did === 'string' && typeof profile.followersCount === 'number') this.remember(profile.did, profile.followersCount, context.now);
          }
        }
      } catch (error) {
        if (context.signal.aborted) throw error;
        if (error instanceof RateLimitError) this.pausedUntil = context.now + (error.retryAfterMs ?? 60_000);
        // Otherwise carry on: counts are an extra, the posts are what must not be lost.
      }
    }
    return posts.map((post) => {
      const known = post?.author?.did ? this.cache.get(post.author.did) : undefined;
      return known && post.author ? { ...post, author: { ...post.author, followersCount: known.followers } } : post;
    });
  }

  private fresh(did: string, now: number): boolean {
    const entry = this.cache.get(did);
    return entry !== undefined && now - entry.at < CACHE_TTL_MS;
  }

  private remember(did: string, followers: number, now: number): void {
    this.cache.delete(did);
    this.cache.set(did, { followers, at: now });
    if (this.cache.size > CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
  }
}
