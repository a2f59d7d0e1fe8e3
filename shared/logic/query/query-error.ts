/**
 * A query that cannot be used, with where: `offset` and `length` select the offending text (a
 * caret goes under `offset`; `length` may be 0 for "something is missing here", e.g. at the end).
 */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}

/** The same error as plain data, for the wire and the UI. */
export interface QueryErrorInfo {
  message: string;
  /** UTF-16 offset into the query of the first character at fault. */
  position: number;
  length: number;
}

export function queryErrorInfo(error: QueryError): QueryErrorInfo {
  return { message: error.message, position: error.offset, length: error.length };
}

/** Longest query accepted, in characters (professional tools cap theirs at a few thousand). */
export const MAX_QUERY_CHARS = 4_000;
/** Deepest nesting of parentheses and NOTs; deeper is refused rather than risking the stack. */
export const MAX_QUERY_DEPTH = 32;
/** Largest NEAR distance, in words. */
export const MAX_NEAR_DISTANCE = 100;
/** Letters or digits a wildcard needs before its `*` (`re*` would match half the language). */
export const MIN_WILDCARD_STEM = 3;
