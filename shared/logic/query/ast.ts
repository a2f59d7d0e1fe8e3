/**
 * The parsed form of a topic query. Every node keeps the span of query text it came from, so a
 * problem found after parsing (a query that only excludes) can still point at the right place.
 */

/** A range of the query string: `offset` is a UTF-16 index, as in `String.prototype.slice`. */
export interface Span {
  offset: number;
  length: number;
}

/** The fields a query may filter on, as written before the colon. */
export const QUERY_FIELDS = ['author', 'lang', 'source', 'site', 'platform'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

/**
 * A word, a run of words that must be adjacent (an "exact phrase", or a bare term such as `wi-fi`
 * that folds to two words) and, with `prefix`, a trailing wildcard on the last word.
 * `words` are folded (lower case, no diacritics), exactly as mention text is folded.
 */
export interface WordsNode {
  type: 'words';
  words: string[];
  prefix: boolean;
  quoted: boolean;
  span: Span;
}

/** `#tag`: a hashtag in the text (folded, without '#'); `prefix` for `#tag*`. */
export interface HashtagNode {
  type: 'hashtag';
  tag: string;
  prefix: boolean;
  span: Span;
}

/** `@handle`: the author's handle, or an @-mention of it in the text (folded, without '@'). */
export interface HandleNode {
  type: 'handle';
  handle: string;
  span: Span;
}

/** `field:value`; `value` is normalised for its field (see the parser). */
export interface FieldNode {
  type: 'field';
  field: QueryField;
  value: string;
  prefix: boolean;
  span: Span;
}

export interface NotNode {
  type: 'not';
  child: QueryNode;
  span: Span;
}

export interface AndNode {
  type: 'and';
  children: QueryNode[];
  span: Span;
}

export interface OrNode {
  type: 'or';
  children: QueryNode[];
  span: Span;
}

/**
 * `left NEAR/n right`: an occurrence of each side with at most `distance` other words between
 * them, in either order. Each side is a list of alternatives (a word, phrase, wildcard, or an
 * OR-group of those).
 */
export interface NearNode {
  type: 'near';
  distance: number;
  left: WordsNode[];
  right: WordsNode[];
  span: Span;
}

export type QueryNode = WordsNode | HashtagNode | HandleNode | FieldNode | NotNode | AndNode | OrNode | NearNode;
