/**
 * Near-duplicate fingerprints for grouping posts into stories: text normalised so that a repost
 * ("RT @a: …"), a copy with another link or handle, or a copy with a few words changed all look
 * alike, then a MinHash signature of its word shingles. Two posts whose signatures agree in a
 * large share of positions have a similar set of shingles (the share estimates their Jaccard
 * similarity); locality-sensitive bands find such pairs without comparing every pair.
 */

/** Hash functions per signature; bands × rows. */
export const MINHASH_SIZE = 24;
export const BANDS = 8;
export const ROWS_PER_BAND = MINHASH_SIZE / BANDS;

/** Texts with fewer words than this carry too little to group ("lol", "omg yes"). */
export const MIN_WORDS = 4;

/**
 * Lower case, no repost prefix, links, handles, hashtag marks, digits or punctuation: what is
 * left is what the post says. "RT @AP: BREAKING: Train derails http://t.co/x" → "breaking train derails".
 */
export function normaliseForStory(text: string): string {
  return text
    .toLowerCase()
    .replace(/^(?:rt|mt)\s*@\w+:?\s*/u, '')
    .replace(/\b(?:rt|via)\s*@\w+:?/gu, ' ')
    .replace(/https?:\/\/\S+/gu, ' ')
    .replace(/@\w+/gu, ' ')
    .replace(/&amp;/gu, '&')
    .replace(/#/gu, '')
    .replace(/[\p{P}\p{S}\d]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** FNV-1a, 32 bits. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Word bigrams (and the words themselves for short texts, so a 4-word post has enough to compare). */
export function shingles(words: readonly string[]): number[] {
  const out = new Set<number>();
  for (let i = 0; i + 1 < words.length; i++) out.add(fnv(`${words[i]} ${words[i + 1]}`));
  if (words.length < 8) for (const w of words) out.add(fnv(w));
  return [...out];
}

// Fixed odd multipliers and offsets: the signature of a text never changes between runs or machines.
const A = Array.from({ length: MINHASH_SIZE }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0);
const B = Array.from({ length: MINHASH_SIZE }, (_, i) => Math.imul(i + 7, 0x85ebca6b) >>> 0);

/** The MinHash signature of a normalised text, or null when it has too few words to group. */
export function signatureOf(normalised: string): Uint32Array | null {
  const words = normalised.split(' ').filter((w) => w.length > 0);
  if (words.length < MIN_WORDS) return null;
  const hashes = shingles(words);
  const sig = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const h of hashes) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      // Multiply-add, then mix the high bits down: a cheap, well-spread permutation per position.
      // (`>>> 0` after each step: XOR yields a signed int, which would break the unsigned minimum.)
      let x = (Math.imul(h, A[i]!) + B[i]!) >>> 0;
      x = (x ^ (x >>> 15)) >>> 0;
      x = Math.imul(x, 0x2c1b3c6d) >>> 0;
      x = (x ^ (x >>> 12)) >>> 0;
      if (x < sig[i]!) sig[i] = x;
    }
  }
  return sig;
}

/** The share of positions where two signatures agree: an estimate of the texts' Jaccard similarity. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SIZE;
}

/** One key per band: signatures sharing any band key are candidates. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let key = `${b}`;
    for (let r = 0; r < ROWS_PER_BAND; r++) key += `:${sig[b * ROWS_PER_BAND + r]!.toString(36)}`;
    keys.push(key);
  }
  return keys;
}
