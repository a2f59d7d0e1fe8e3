/**
 * Keyword filtering for firehose-style streams, done on our side because the platforms send
 * everything. A keyword matches as a whole word or phrase, case-insensitively; a trailing `*` makes
 * it a prefix (`refund*` matches "refunds"). `#tag` and `@handle` keywords work as written.
 * Topic queries (the topics area) tag what is stored; this only decides what is worth storing.
 */
const WORD_CHAR = '[\\p{L}\\p{N}_]';

export type KeywordMatcher = (text: string) => boolean;

export function keywordMatcher(keywords: readonly string[]): KeywordMatcher {
  const alternatives = keywords
    .map((k) => k.trim())
    .filter((k) => k.length > 0)
    .map((k) => {
      const prefix = k.endsWith('*');
      const body = (prefix ? k.slice(0, -1) : k).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
      const start = new RegExp(`^${WORD_CHAR}`, 'u').test(k) ? `(?<!${WORD_CHAR})` : '';
      const end = prefix || !new RegExp(`${WORD_CHAR}$`, 'u').test(k) ? '' : `(?!${WORD_CHAR})`;
      return `${start}${body}${end}`;
    });
  if (alternatives.length === 0) return () => false;
  const pattern = new RegExp(alternatives.join('|'), 'iu');
  return (text) => pattern.test(text);
}
