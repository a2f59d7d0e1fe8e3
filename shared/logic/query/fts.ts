/**
 * Translates a query into an SQLite FTS5 MATCH expression over mention text, for searching stored
 * history. The expression always matches a superset of what the query matches, so candidates can
 * be post-filtered with the exact matcher; `exact` says when no post-filter is needed at all.
 *
 * Pushed down: words, phrases, prefix wildcards, NEAR, AND, OR, and NOT inside an AND. Not pushed
 * down (left to the post-filter): fields, handles, the '#' of hashtags (the tag's words are pushed),
 * and words outside plain a–z/0–9 (FTS5's tokenizer cuts Chinese, Japanese and emoji differently
 * from the matcher, so those words would not be a safe superset).
 */
import type { QueryNode, WordsNode } from './ast';
import { foldedWords } from './text';

export interface FtsTranslation {
  /** The MATCH expression, or null when nothing constrains the text (scan instead). */
  match: string | null;
  /** True when the expression matches exactly what the query matches. */
  exact: boolean;
}

/** NEAR between OR-groups expands to one NEAR per pair; past this many pairs, AND is used. */
const MAX_NEAR_PAIRS = 16;
const PUSHABLE_WORD = /^[a-z0-9]+$/;

export function toFts(node: QueryNode): FtsTranslation {
  switch (node.type) {
    case 'words':
      return pushable(node) ? { match: phrase(node), exact: true } : { match: null, exact: false };
    case 'hashtag': {
      const words = foldedWords(node.tag);
      if (words.length === 0 || !words.every((w) => PUSHABLE_WORD.test(w))) return { match: null, exact: false };
      return { match: `"${words.join(' ')}"${node.prefix ? ' *' : ''}`, exact: false };
    }
    case 'handle':
    case 'field':
      return { match: null, exact: false };
    case 'not':
      // A bare NOT cannot be expressed (FTS5's NOT is binary); the enclosing AND handles it.
      return { match: null, exact: false };
    case 'and': {
      const positives: string[] = [];
      const negatives: string[] = [];
      let exact = true;
      for (const child of node.children) {
        if (child.type === 'not') {
          const inner = toFts(child.child);
          if (inner.match !== null && inner.exact) negatives.push(inner.match);
          else exact = false;
          continue;
        }
        const t = toFts(child);
        if (t.match !== null) positives.push(t.match);
        if (!t.exact) exact = false;
      }
      if (positives.length === 0) return { match: null, exact: false };
      let match = positives.length === 1 ? positives[0]! : positives.map((p) => `(${p})`).join(' AND ');
      if (negatives.length > 0) match = `(${match}) NOT (${negatives.map((n) => `(${n})`).join(' OR ')})`;
      return { match, exact };
    }
    case 'or': {
      const parts = node.children.map(toFts);
      if (parts.some((p) => p.match === null)) return { match: null, exact: false };
      return { match: parts.map((p) => `(${p.match!})`).join(' OR '), exact: parts.every((p) => p.exact) };
    }
    case 'near': {
      if (![...node.left, ...node.right].every(pushable)) {
        // The pushable sides still narrow the candidates.
        const sides = [node.left, node.right].filter((side) => side.every(pushable)).map((side) => side.map(phrase).join(' OR '));
        return sides.length === 0 ? { match: null, exact: false } : { match: sides.map((s) => `(${s})`).join(' AND '), exact: false };
      }
      if (node.left.length * node.right.length <= MAX_NEAR_PAIRS) {
        const pairs = node.left.flatMap((a) => node.right.map((b) => `NEAR(${phrase(a)} ${phrase(b)}, ${node.distance})`));
        return { match: pairs.join(' OR '), exact: true };
      }
      return { match: `(${node.left.map(phrase).join(' OR ')}) AND (${node.right.map(phrase).join(' OR ')})`, exact: false };
    }
  }
}

function pushable(node: WordsNode): boolean {
  return node.words.every((w) => PUSHABLE_WORD.test(w));
}

/** A quoted FTS5 phrase; safe because pushed words are a–z/0–9 only. */
function phrase(node: WordsNode): string {
  return `"${node.words.join(' ')}"${node.prefix ? ' *' : ''}`;
}
