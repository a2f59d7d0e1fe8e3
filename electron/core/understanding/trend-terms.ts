/**
 * What makes a trending list worth reading on a wall: the words the topic is defined by (its own
 * query words: "kestrel", "mobile") are not news, filler words are not news, and a phrase or a
 * hashtag says more than the single words it is made of.
 *
 * - Excluded: every word, hashtag and handle a topic's query looks for (for all topics together,
 *   every enabled topic's), with a wildcard's prefix, and filler words (`isFillerWord`).
 * - Phrases: two trending words that stand next to each other in most of the window's mentions
 *   that have the rarer of them ("app crash") become one term; the words it is made of are folded
 *   into it. Found in a bounded sample (the newest PHRASE_SAMPLE mentions of the window).
 * - Order: hashtags and phrases first, then single words; each group by score.
 */
import type { TrendingTerm } from '@shared/domain/trends';
import type { QueryNode } from '@shared/logic/query/ast';
import { parseQuery } from '@shared/logic/query/parser';
import { fold } from '@shared/logic/query/text';
import { isStopword } from './terms';

/** Newest mentions of the window read to find phrases: enough for a stable share, bounded at scale. */
export const PHRASE_SAMPLE = 500;
/** Single words looked at as phrase halves: the strongest trending ones. */
const PHRASE_CANDIDATES = 30;

/**
 * Everyday words that pass the stopword list (they carry some meaning in a post) but never say
 * what a spike is about.
 */
const FILLER = new Set(
  (
    'new home work whole good great bad best better need needs people thing things year years week weeks month months ' +
    'please thanks thank someone anyone everyone something anything nothing never always again since right last next ' +
    'first little big lot lots long keep keeps kept come comes came take takes took give gives gave look looks looking ' +
    'use used using tell told try trying tried find found sure thing guys guy man literally actually already ever ' +
    'another around away without while though through off hours hour minutes minute morning night tonight'
  ).split(/\s+/),
);

export function isFillerWord(term: string): boolean {
  return FILLER.has(term) || isStopword(term);
}

export interface ExcludedWords {
  words: ReadonlySet<string>;
  prefixes: readonly string[];
}

export const NO_EXCLUDED_WORDS: ExcludedWords = { words: new Set(), prefixes: [] };

/** The words a set of topic queries looks for (negated parts excluded: those are not the topic). */
export function queryWords(queries: readonly string[]): ExcludedWords {
  const words = new Set<string>();
  const prefixes: string[] = [];
  const add = (word: string, prefix: boolean) => {
    if (prefix) prefixes.push(word);
    else {
      words.add(word);
      words.add(`#${word}`);
    }
  };
  const visit = (node: QueryNode): void => {
    switch (node.type) {
      case 'words':
        node.words.forEach((w, i) => add(w, node.prefix && i === node.words.length - 1));
        return;
      case 'hashtag':
        add(node.tag, node.prefix);
        return;
      case 'handle':
        add(node.handle, false);
        return;
      case 'near':
        for (const side of [...node.left, ...node.right]) visit(side);
        return;
      case 'and':
      case 'or':
        for (const child of node.children) visit(child);
        return;
      case 'not':
      case 'field':
        return;
    }
  };
  for (const query of queries) {
    try {
      visit(parseQuery(query));
    } catch {
      // A stored query always parsed when it was saved; a grammar change must not break trends.
    }
  }
  return { words, prefixes };
}

function isExcluded(term: string, excluded: ExcludedWords): boolean {
  const folded = fold(term);
  const bare = folded.startsWith('#') ? folded.slice(1) : folded;
  if (excluded.words.has(folded) || excluded.words.has(bare)) return true;
  if (excluded.prefixes.some((p) => bare.startsWith(p))) return true;
  return !term.startsWith('#') && isFillerWord(term);
}

/** Term counts without the excluded words (applied to the window and the baseline alike). */
export function withoutExcluded(counts: ReadonlyMap<string, number>, excluded: ExcludedWords): Map<string, number> {
  const out = new Map<string, number>();
  for (const [term, count] of counts) if (!isExcluded(term, excluded)) out.set(term, count);
  return out;
}

const WORD_RE = /[\p{L}][\p{L}\p{M}\p{N}'’-]{1,39}|[^\s\p{L}]+/gu;

/** Lower-cased words of a text in order, punctuation as breaks (so "crash. app" is not a pair). */
function wordSequence(text: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, 1_000).toLowerCase().matchAll(WORD_RE)) {
    const token = m[0];
    out.push(/^[\p{L}]/u.test(token) ? token.replace(/[’']/g, '').replace(/-+$/, '') : '');
  }
  return out;
}

/**
 * Folds trending single words into the phrases they trend as, and orders the list (hashtags and
 * phrases first). `scored` is every trending term (already without excluded words), strongest first.
 */
export function refineTrends(scored: readonly TrendingTerm[], sampleTexts: readonly string[], limit: number): TrendingTerm[] {
  const words = scored.filter((t) => !t.term.startsWith('#') && !t.term.includes(' ')).slice(0, PHRASE_CANDIDATES);
  const byTerm = new Map(words.map((t) => [t.term, t]));
  const inSample = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const text of sampleTexts) {
    const seq = wordSequence(text);
    const seenWords = new Set<string>();
    const seenPairs = new Set<string>();
    seq.forEach((w, i) => {
      if (!byTerm.has(w)) return;
      seenWords.add(w);
      const next = seq[i + 1];
      if (next && next !== w && byTerm.has(next)) seenPairs.add(`${w} ${next}`);
    });
    for (const w of seenWords) inSample.set(w, (inSample.get(w) ?? 0) + 1);
    for (const p of seenPairs) pairs.set(p, (pairs.get(p) ?? 0) + 1);
  }
  const phrases: TrendingTerm[] = [];
  const folded = new Set<string>();
  for (const [pair, together] of [...pairs].sort((a, b) => b[1] - a[1])) {
    const [a, b] = pair.split(' ') as [string, string];
    if (folded.has(a) || folded.has(b)) continue;
    const rarer = (inSample.get(a) ?? 0) <= (inSample.get(b) ?? 0) ? a : b;
    const rarerInSample = inSample.get(rarer) ?? 0;
    // A phrase when the two words mostly stand together (in most posts that have the rarer one).
    if (together * 2 <= rarerInSample) continue;
    const base = byTerm.get(rarer)!;
    const share = together / rarerInSample;
    const count = Math.round(base.count * share);
    if (count < 3) continue;
    const expected = Math.round(base.expected * share * 100) / 100;
    const score = Math.round(((count - expected) / Math.sqrt(expected + 1)) * 100) / 100;
    phrases.push({ term: pair, count, expected, score, isNew: byTerm.get(a)!.isNew && byTerm.get(b)!.isNew });
    // Each word goes into the phrase when it mostly occurs in it.
    for (const w of [a, b]) if (together * 2 > (inSample.get(w) ?? 0)) folded.add(w);
  }
  // "#kestreldown" and "kestreldown" trending together are one thing: the hashtag.
  const hashtags = new Set(scored.filter((t) => t.term.startsWith('#')).map((t) => t.term.slice(1)));
  const rest = scored.filter((t) => !folded.has(t.term) && !(!t.term.startsWith('#') && hashtags.has(t.term)));
  const tier = (t: TrendingTerm) => (t.term.startsWith('#') || t.term.includes(' ') ? 0 : 1);
  return [...phrases, ...rest]
    .sort((x, y) => tier(x) - tier(y) || y.score - x.score || y.count - x.count || x.term.localeCompare(y.term))
    .slice(0, Math.max(0, limit));
}
