/**
 * Compiles a parsed query into a predicate over a prepared mention. A mention is prepared once
 * (folded, cut into words, hashtags and @-mentions collected) and then tested against every
 * topic, so the cost per topic is a few map look-ups.
 */
import type { FieldNode, QueryNode, WordsNode } from './ast';
import { fold, foldedWords, handlesOf, hashtagsOf, hostOf, normaliseHandle } from './text';

/** The parts of a mention a query can see. */
export interface MatchableMention {
  text: string;
  authorHandle: string;
  lang: string | null;
  sourceId: string;
  url: string | null;
  platform: string;
}

export interface MatchDocument {
  /** Folded words in order. */
  words: string[];
  /** Word → every index where it occurs in `words`. */
  positions: Map<string, number[]>;
  /** The distinct words, in order of first appearance (what wildcards scan). */
  vocabulary: string[];
  /** Prefix → indexes of the words starting with it; filled lazily (topics share wildcards such as brand*). */
  prefixes: Map<string, number[]>;
  hashtags: Set<string>;
  /** @-mentions in the text, folded, without '@'. */
  textHandles: Set<string>;
  author: string;
  lang: string | null;
  sourceId: string;
  host: string | null;
  platform: string;
}

export function prepareDocument(m: MatchableMention): MatchDocument {
  const folded = fold(m.text);
  const words = foldedWords(folded);
  const positions = new Map<string, number[]>();
  const vocabulary: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const list = positions.get(w);
    if (list) list.push(i);
    else {
      positions.set(w, [i]);
      vocabulary.push(w);
    }
  }
  return {
    words,
    positions,
    vocabulary,
    prefixes: new Map(),
    hashtags: hashtagsOf(folded),
    textHandles: handlesOf(folded),
    author: normaliseHandle(m.authorHandle),
    lang: m.lang ? m.lang.toLowerCase().replace(/_/g, '-') : null,
    sourceId: m.sourceId.toLowerCase(),
    host: hostOf(m.url),
    platform: m.platform,
  };
}

export type CompiledQuery = (doc: MatchDocument) => boolean;

/** An occurrence of a run of words: indexes of its first and last word. */
type Occurrence = readonly [start: number, end: number];

export function compileQuery(node: QueryNode): CompiledQuery {
  switch (node.type) {
    case 'words':
      return containsWords(node);
    case 'hashtag': {
      const { tag, prefix } = node;
      if (!prefix) return (doc) => doc.hashtags.has(tag);
      return (doc) => {
        for (const t of doc.hashtags) if (t.startsWith(tag)) return true;
        return false;
      };
    }
    case 'handle': {
      const { handle } = node;
      return (doc) => sameHandle(doc.author, handle) || doc.textHandles.has(handle);
    }
    case 'field':
      return compileField(node);
    case 'not': {
      const child = compileQuery(node.child);
      return (doc) => !child(doc);
    }
    case 'and': {
      // Cheap tests first: fields and single words before phrases, NEAR and negations.
      const parts = [...node.children].sort((a, b) => cost(a) - cost(b)).map(compileQuery);
      return (doc) => parts.every((p) => p(doc));
    }
    case 'or': {
      const parts = node.children.map(compileQuery);
      return (doc) => parts.some((p) => p(doc));
    }
    case 'near': {
      const left = node.left.map(occurrenceFinder);
      const right = node.right.map(occurrenceFinder);
      // Cheap checks first: most texts lack one side entirely, and then no positions are needed.
      const hasLeft = node.left.map(containsWords);
      const hasRight = node.right.map(containsWords);
      const n = node.distance;
      return (doc) => {
        if (!hasLeft.some((f) => f(doc)) || !hasRight.some((f) => f(doc))) return false;
        const a = left.flatMap((f) => f(doc));
        if (a.length === 0) return false;
        const b = right.flatMap((f) => f(doc));
        for (const [as, ae] of a) {
          for (const [bs, be] of b) {
            // At most n other words between the two, in either order, without overlapping.
            if (bs > ae ? bs - ae - 1 <= n : as > be && as - be - 1 <= n) return true;
          }
        }
        return false;
      };
    }
  }
}

/** Prepares one mention and tests it (for one-off checks; batches should prepare once per mention). */
export function matches(query: CompiledQuery, mention: MatchableMention): boolean {
  return query(prepareDocument(mention));
}

function cost(node: QueryNode): number {
  switch (node.type) {
    case 'field':
    case 'hashtag':
    case 'handle':
      return 0;
    case 'words':
      return node.words.length === 1 && !node.prefix ? 1 : 2;
    case 'not':
      return 3;
    default:
      return 4;
  }
}

/** Handles are equal, or `name` equals the local part of a `name@instance` handle. */
function sameHandle(actual: string, wanted: string): boolean {
  if (actual === wanted) return true;
  if (wanted.includes('@')) return false;
  const at = actual.indexOf('@');
  return at > 0 && actual.slice(0, at) === wanted;
}

function compileField(node: FieldNode): CompiledQuery {
  const { value, prefix } = node;
  switch (node.field) {
    case 'author':
      if (prefix) return (doc) => doc.author.startsWith(value);
      return (doc) => sameHandle(doc.author, value);
    case 'lang':
      // lang:en takes en-GB and en-US too; lang:en-gb only en-GB.
      return (doc) => doc.lang !== null && (doc.lang === value || doc.lang.startsWith(`${value}-`));
    case 'source':
      if (prefix) return (doc) => doc.sourceId.startsWith(value);
      return (doc) => doc.sourceId === value;
    case 'site':
      return (doc) => doc.host !== null && (doc.host === value || doc.host.endsWith(`.${value}`));
    case 'platform':
      return (doc) => doc.platform === value;
  }
}

/** Indexes of the words that start with `prefix`, computed once per document and prefix. */
function prefixStarts(doc: MatchDocument, prefix: string): number[] {
  let at = doc.prefixes.get(prefix);
  if (at === undefined) {
    at = [];
    const { vocabulary } = doc;
    for (let v = 0; v < vocabulary.length; v++) {
      const w = vocabulary[v]!;
      if (w.startsWith(prefix)) at.push(...doc.positions.get(w)!);
    }
    doc.prefixes.set(prefix, at);
  }
  return at;
}

/** Where a run of words may start: every occurrence of its first word (or of the prefix, for `word*`). */
function startsOf(doc: MatchDocument, node: WordsNode): number[] {
  return node.prefix && node.words.length === 1 ? prefixStarts(doc, node.words[0]!) : (doc.positions.get(node.words[0]!) ?? EMPTY);
}

const EMPTY: number[] = [];

/** Whether the words after the first one follow at `start`. */
function restFollows(doc: MatchDocument, node: WordsNode, start: number): boolean {
  const { words, prefix } = node;
  const last = words.length - 1;
  for (let k = 1; k <= last; k++) {
    const w = doc.words[start + k];
    if (w === undefined) return false;
    if (k === last && prefix ? !w.startsWith(words[k]!) : w !== words[k]) return false;
  }
  return true;
}

/** "Does the text contain this run of words": stops at the first occurrence, allocates nothing. */
function containsWords(node: WordsNode): CompiledQuery {
  if (node.words.length === 1) {
    const word = node.words[0]!;
    if (node.prefix) return (doc) => prefixStarts(doc, word).length > 0;
    return (doc) => doc.positions.has(word);
  }
  return (doc) => {
    for (const s of startsOf(doc, node)) if (restFollows(doc, node, s)) return true;
    return false;
  };
}

/** Every occurrence of a run of words, as [first, last] word indexes (for NEAR). */
function occurrenceFinder(node: WordsNode): (doc: MatchDocument) => Occurrence[] {
  const span = node.words.length - 1;
  return (doc) => {
    const found: Occurrence[] = [];
    for (const s of startsOf(doc, node)) if (restFollows(doc, node, s)) found.push([s, s + span]);
    return found;
  };
}
