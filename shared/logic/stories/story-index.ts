/**
 * The stories still growing, indexed for the next post: an exact map of normalised texts (reposts
 * and copies) and MinHash bands (near-duplicates). A post joins the most similar candidate at or
 * above the threshold, else starts a story. Stories quiet for longer than the window leave the
 * index: a text that comes back days later is a new story.
 */
import { bandKeys, signatureOf, similarity } from './fingerprint';

/** Estimated Jaccard similarity of word shingles needed to join a story (fixed before measuring). */
export const JOIN_SIMILARITY = 0.5;
/** A story no post has joined for this long is closed. */
export const STORY_WINDOW_MS = 24 * 60 * 60_000;
/** Exact texts shorter than this many words are too common to mean one story ("thank you"). */
const MIN_EXACT_WORDS = 3;

interface Entry {
  id: number;
  signature: Uint32Array | null;
  exact: string | null;
  keys: string[];
  lastAt: number;
}

export interface IndexedStory {
  id: number;
  /** The normalised text of its first post and that post's signature (null for short texts). */
  normalised: string;
  signature: Uint32Array | null;
  lastAt: number;
}

export class StoryIndex {
  private readonly entries = new Map<number, Entry>();
  private readonly byExact = new Map<string, number>();
  private readonly byBand = new Map<string, Set<number>>();
  private oldestCheck = 0;

  constructor(private readonly windowMs = STORY_WINDOW_MS) {}

  get size(): number {
    return this.entries.size;
  }

  /** The story a post with this normalised text joins at `at`, or null for a new one. */
  find(normalised: string, signature: Uint32Array | null, at: number): number | null {
    this.evict(at);
    const exact = this.byExact.get(normalised);
    if (exact !== undefined) return exact;
    if (!signature) return null;
    let best: number | null = null;
    let bestScore = JOIN_SIMILARITY;
    const seen = new Set<number>();
    for (const key of bandKeys(signature)) {
      for (const id of this.byBand.get(key) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const e = this.entries.get(id)!;
        const score = similarity(signature, e.signature!);
        if (score >= bestScore) {
          best = id;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /** Indexes a story by its first post. */
  add(story: IndexedStory): void {
    const words = story.normalised.split(' ').length;
    const exact = words >= MIN_EXACT_WORDS ? story.normalised : null;
    const keys = story.signature ? bandKeys(story.signature) : [];
    this.entries.set(story.id, { id: story.id, signature: story.signature, exact, keys, lastAt: story.lastAt });
    if (exact !== null && !this.byExact.has(exact)) this.byExact.set(exact, story.id);
    for (const key of keys) {
      let set = this.byBand.get(key);
      if (!set) this.byBand.set(key, (set = new Set()));
      set.add(story.id);
    }
  }

  touch(id: number, at: number): void {
    const e = this.entries.get(id);
    if (e && at > e.lastAt) e.lastAt = at;
  }

  private evict(at: number): void {
    // At most once a simulated minute: a batch of thousands must not scan the index each time.
    if (at - this.oldestCheck < 60_000) return;
    this.oldestCheck = at;
    for (const e of this.entries.values()) {
      if (at - e.lastAt <= this.windowMs) continue;
      this.entries.delete(e.id);
      if (e.exact !== null && this.byExact.get(e.exact) === e.id) this.byExact.delete(e.exact);
      for (const key of e.keys) {
        const set = this.byBand.get(key);
        set?.delete(e.id);
        if (set?.size === 0) this.byBand.delete(key);
      }
    }
  }
}

/** Groups texts in order (for measuring and tests): the story index of each. */
export function groupTexts(posts: ReadonlyArray<{ text: string; at: number }>, normalise: (t: string) => string): number[] {
  const index = new StoryIndex();
  const out: number[] = [];
  let next = 1;
  for (const p of posts) {
    const normalised = normalise(p.text);
    const signature = signatureOf(normalised);
    const found = index.find(normalised, signature, p.at);
    if (found !== null) {
      index.touch(found, p.at);
      out.push(found);
    } else {
      const id = next++;
      index.add({ id, normalised, signature, lastAt: p.at });
      out.push(id);
    }
  }
  return out;
}
