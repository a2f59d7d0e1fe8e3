/**
 * Topic matching where a mention is scored: the writer hands the analysis workers the enabled
 * topics' queries (with a version it bumps on every change), each worker compiles them, and
 * every mention of a batch comes back with the ids of the topics it matches. The writer uses those
 * only when they were matched against the topics it still has (same version); otherwise the topic
 * hook matches on the writer, as it does for batches scored there.
 */
import { compileQuery, prepareDocument, tryParseQuery, type CompiledQuery, type MatchableMention } from '@shared/logic/query';

export interface TopicsSpec {
  version: number;
  /** The enabled topics in the order the writer matches them (a mention's ids keep that order). */
  topics: Array<{ id: number; query: string }>;
}

export interface CompiledTopics {
  version: number;
  list: Array<{ id: number; test: CompiledQuery }>;
}

/** A query that does not parse is left out, as the topic service leaves it out (and logs it). */
export function compileTopics(spec: TopicsSpec): CompiledTopics {
  const list: CompiledTopics['list'] = [];
  for (const { id, query } of spec.topics) {
    const parsed = tryParseQuery(query);
    if (parsed.ok) list.push({ id, test: compileQuery(parsed.ast) });
  }
  return { version: spec.version, list };
}

/** The ids of the topics the mention matches, in the topics' order. */
export function matchTopics(list: CompiledTopics['list'], m: MatchableMention): number[] {
  const ids: number[] = [];
  if (list.length === 0) return ids;
  const doc = prepareDocument(m);
  for (const { id, test } of list) if (test(doc)) ids.push(id);
  return ids;
}
