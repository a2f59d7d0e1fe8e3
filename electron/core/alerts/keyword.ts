/** Keyword watch uses the topic query language (`shared/logic/query/`), never a parser of its own. */
import type { Mention } from '@shared/domain/mention';
import { compileQuery, prepareDocument, queryErrorInfo, tryParseQuery } from '@shared/logic/query';

/** A matcher for a query, or the parse error in words (with its position). */
export function compileKeywordQuery(query: string): ((mention: Mention) => boolean) | string {
  const parsed = tryParseQuery(query);
  if (!parsed.ok) {
    const info = queryErrorInfo(parsed.error);
    return `${info.message} (at character ${info.position + 1})`;
  }
  const compiled = compileQuery(parsed.ast);
  return (mention) => compiled(prepareDocument(mention));
}
