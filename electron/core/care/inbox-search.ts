/**
 * Inbox search speaks the topic query language (shared/logic/query, the listening area's one
 * parser): a conversation matches when any of its posts matches. Where the query translates
 * exactly to FTS5 the database does all the work; otherwise FTS5 (or, when nothing constrains the
 * text, the newest posts) narrows the candidates and the exact matcher decides.
 *
 * Both read the newest matching posts only, up to a limit, so a search costs the same at ten
 * million posts as at ten thousand: a common word ("outage" in an outage) matches hundreds of
 * thousands of posts, and walking them all took about half a second per keystroke at 10 M. When
 * the limit is reached the result says so (the inbox shows its total as "at least").
 */
import { compileQuery, parseQuery, prepareDocument, QueryError, toFts } from '@shared/logic/query';
import { ApiError } from '../api/api-error';
import type { InboxFilter } from '../store/queries/care';
import type { Store } from '../store/store';

/** Posts the exact matcher looks at for one non-exact search, newest first. */
export const SEARCH_CANDIDATE_LIMIT = 20_000;
/** Matching posts an exact (FTS5-only) search reads, newest first. */
export const SEARCH_MATCH_LIMIT = 5_000;

export function inboxSearch(store: Store, search: string | undefined): Pick<InboxFilter, 'ids' | 'searchCapped'> {
  if (search === undefined || search.trim() === '') return {};
  let ast;
  try {
    ast = parseQuery(search);
  } catch (error) {
    if (error instanceof QueryError) throw new ApiError('bad-params', `search: ${error.message} (at character ${error.offset + 1})`);
    throw error;
  }
  const fts = toFts(ast);
  if (fts.match !== null && fts.exact) {
    const { ids, capped } = store.care.conversationsMatching(fts.match, SEARCH_MATCH_LIMIT);
    return { ids, searchCapped: capped };
  }
  const matcher = compileQuery(ast);
  const ids = new Set<number>();
  const candidates = store.care.searchCandidates(fts.match, SEARCH_CANDIDATE_LIMIT);
  for (const candidate of candidates) {
    if (!ids.has(candidate.conversationId) && matcher(prepareDocument(candidate))) ids.add(candidate.conversationId);
  }
  return { ids: [...ids], searchCapped: candidates.length >= SEARCH_CANDIDATE_LIMIT };
}
