/**
 * Spam and coordinated posting, judged on the stream as it arrives (pure; the core keeps one per
 * workspace). Three patterns, each with the reason a person reads:
 *  - one account repeating itself: 5 or more posts of the same story within 10 minutes (an angry
 *    customer repeating a complaint three or four times is not spam);
 *  - a burst of follower-less accounts: 6 or more accounts with at most 5 followers posting the
 *    same story within 5 minutes;
 *  - a link farm: the same link from 5 or more small accounts (under 100 followers) within 10 minutes.
 * When a pattern is met, every post in it is flagged, the earlier ones too: the first posts of a
 * burst are as much part of it as the last.
 */

export interface ObservedPost {
  id: number;
  /** null: not known (an imported row without an author), so never one account repeating itself. */
  author: string | null;
  /** null: unknown (a platform that does not say), never treated as follower-less. */
  followers: number | null;
  /** The post's story (reposts and near-copies share one). */
  storyId: number | null;
  text: string;
  at: number;
}

export interface Flag {
  mentionId: number;
  reason: string;
}

const MINUTE = 60_000;
export const REPEAT_POSTS = 5;
const REPEAT_WINDOW = 10 * MINUTE;
export const BURST_ACCOUNTS = 6;
const BURST_WINDOW = 5 * MINUTE;
const FOLLOWERLESS = 5;
export const FARM_ACCOUNTS = 5;
const FARM_WINDOW = 10 * MINUTE;
const SMALL_ACCOUNT = 100;

interface Seen {
  id: number;
  author: string;
  at: number;
}

const LINK = /https?:\/\/[^\s"'<>]+/giu;

/** A link as farms repeat it: host and path, without the query string or a trailing slash. */
export function linkKey(url: string): string | null {
  const m = /^https?:\/\/([^/?#\s]+)([^?#\s]*)/iu.exec(url.replace(/[).,!?…]+$/u, ''));
  if (!m) return null;
  const host = m[1]!
    .toLowerCase()
    .replace(/^www\./u, '')
    .replace(/:\d+$/u, '');
  return `${host}${m[2]!.replace(/\/+$/u, '')}`;
}

export class CoordinationDetector {
  private readonly byAuthorStory = new Map<string, Seen[]>();
  private readonly followerlessByStory = new Map<number, Seen[]>();
  private readonly smallByLink = new Map<string, Seen[]>();
  private lastPrune = 0;

  /** Flags for this post and, where it completes a pattern, the earlier posts of it. */
  observe(post: ObservedPost): Flag[] {
    this.prune(post.at);
    const flags: Flag[] = [];
    // An unknown author is no account: each post counts as its own.
    const author = post.author === null ? `#${post.id}` : post.author.toLowerCase();
    const seen: Seen = { id: post.id, author, at: post.at };

    if (post.storyId !== null) {
      const key = `${author}\u0000${post.storyId}`;
      const list = recent(this.byAuthorStory, key, post.at, REPEAT_WINDOW);
      list.push(seen);
      if (post.author !== null && list.length >= REPEAT_POSTS) {
        const reason = `@${post.author} posted near-identical text ${list.length} times in ${REPEAT_WINDOW / MINUTE} min`;
        for (const s of list) flags.push({ mentionId: s.id, reason });
      }
      if (post.followers !== null && post.followers <= FOLLOWERLESS) {
        const burst = recent(this.followerlessByStory, post.storyId, post.at, BURST_WINDOW);
        burst.push(seen);
        const accounts = new Set(burst.map((s) => s.author)).size;
        if (accounts >= BURST_ACCOUNTS) {
          const reason = `${accounts} accounts with at most ${FOLLOWERLESS} followers posted the same text within ${BURST_WINDOW / MINUTE} min`;
          for (const s of burst) flags.push({ mentionId: s.id, reason });
        }
      }
    }

    if (post.followers !== null && post.followers < SMALL_ACCOUNT) {
      for (const match of new Set(post.text.match(LINK) ?? [])) {
        const key = linkKey(match);
        if (key === null) continue;
        const farm = recent(this.smallByLink, key, post.at, FARM_WINDOW);
        farm.push(seen);
        const accounts = new Set(farm.map((s) => s.author)).size;
        if (accounts >= FARM_ACCOUNTS) {
          const reason = `link farm: ${key} posted by ${accounts} accounts under ${SMALL_ACCOUNT} followers within ${FARM_WINDOW / MINUTE} min`;
          for (const s of farm) flags.push({ mentionId: s.id, reason });
        }
      }
    }
    return flags;
  }

  private prune(at: number): void {
    if (at - this.lastPrune < MINUTE) return;
    this.lastPrune = at;
    for (const map of [this.byAuthorStory, this.followerlessByStory, this.smallByLink] as Array<Map<unknown, Seen[]>>) {
      for (const [key, list] of map) if (list.length === 0 || at - list[list.length - 1]!.at > FARM_WINDOW) map.delete(key);
    }
  }
}

function recent<K>(map: Map<K, Seen[]>, key: K, at: number, windowMs: number): Seen[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  while (list.length > 0 && at - list[0]!.at > windowMs) list.shift();
  return list;
}
