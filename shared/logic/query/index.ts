/**
 * Earshot's topic query language: parse (`parseQuery`/`tryParseQuery`), match live mentions
 * (`compileQuery` + `prepareDocument`), and search history (`toFts`). Grammar and precedence are
 * described in parser.ts and in docs/topics.md.
 */
export type { QueryNode, QueryField, Span } from './ast';
export { QUERY_FIELDS } from './ast';
export { compileQuery, prepareDocument, type CompiledQuery, type MatchableMention, type MatchDocument } from './matcher';
export { parseQuery, tryParseQuery, type ParseOutcome } from './parser';
export { MAX_NEAR_DISTANCE, MAX_QUERY_CHARS, MAX_QUERY_DEPTH, MIN_WILDCARD_STEM, QueryError, queryErrorInfo, type QueryErrorInfo } from './query-error';
export { toFts, type FtsTranslation } from './fts';
export { fold, words } from './text';
