/**
 * Query text → tokens, each with the span it came from. Only lexical problems are reported here
 * (an unclosed quote, `NEAR` without a distance, an unknown field); the parser checks structure.
 */
import { QUERY_FIELDS, type QueryField, type Span } from './ast';
import { MAX_NEAR_DISTANCE, QueryError } from './query-error';

export type Token =
  | ({ kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' } & Span)
  | ({ kind: 'near'; distance: number } & Span)
  /** A quoted phrase; `text` is what is between the quotes. */
  | ({ kind: 'phrase'; text: string } & Span)
  /** A bare word, `#tag` or `@handle`, as written. */
  | ({ kind: 'term'; text: string } & Span)
  /** `field:value`; `valueOffset` is where the value starts; `quoted` when written `field:"…"`. */
  | ({ kind: 'field'; field: QueryField; value: string; valueOffset: number; quoted: boolean } & Span);

const OPEN_QUOTES = '"\u201C\u201D\u201E';
const CLOSE_QUOTES = '"\u201C\u201D';
const SPACE = /\s/u;

function isBoundary(ch: string): boolean {
  return SPACE.test(ch) || ch === '(' || ch === ')' || OPEN_QUOTES.includes(ch);
}

/** Reads a quoted string starting at `open` (the quote); returns its text and the index after it. */
function readQuoted(query: string, open: number): { text: string; end: number } {
  for (let i = open + 1; i < query.length; i++) {
    if (CLOSE_QUOTES.includes(query[i]!)) return { text: query.slice(open + 1, i), end: i + 1 };
  }
  throw new QueryError('this quote is never closed: add the closing "', open, query.length - open);
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', offset: i, length: 1 });
      i++;
      continue;
    }
    if (OPEN_QUOTES.includes(ch)) {
      const { text, end } = readQuoted(query, i);
      tokens.push({ kind: 'phrase', text, offset: i, length: end - i });
      i = end;
      continue;
    }
    if (ch === '-') {
      const next = query[i + 1];
      if (next === undefined || SPACE.test(next) || next === ')') {
        throw new QueryError("'-' excludes what follows it: write it directly before a word, phrase or group, like -refund", i, 1);
      }
      tokens.push({ kind: 'minus', offset: i, length: 1 });
      i++;
      continue;
    }

    // A bare chunk up to the next space, parenthesis or quote; `field:"…"` takes its quoted value.
    const start = i;
    while (i < query.length && !isBoundary(query[i]!)) i++;
    const chunk = query.slice(start, i);
    const fieldMatch = /^([A-Za-z]+):(.*)$/s.exec(chunk);
    if (fieldMatch) {
      const name = fieldMatch[1]!.toLowerCase();
      if (!(QUERY_FIELDS as readonly string[]).includes(name)) {
        throw new QueryError(
          `unknown field '${fieldMatch[1]}:'; the fields are ${QUERY_FIELDS.map((f) => `${f}:`).join(', ')} (put text in quotes to search for it as written)`,
          start,
          fieldMatch[1]!.length + 1,
        );
      }
      let value = fieldMatch[2]!;
      let quoted = false;
      let valueOffset = start + fieldMatch[1]!.length + 1;
      if (value === '' && i < query.length && OPEN_QUOTES.includes(query[i]!)) {
        const read = readQuoted(query, i);
        value = read.text;
        quoted = true;
        valueOffset = i + 1;
        i = read.end;
      }
      if (value.trim() === '')
        throw new QueryError(`'${name}:' needs a value right after the colon, like ${name}:${FIELD_EXAMPLES[name as QueryField]}`, start, i - start);
      tokens.push({ kind: 'field', field: name as QueryField, value, valueOffset, quoted, offset: start, length: i - start });
      continue;
    }
    const upper = chunk.toUpperCase();
    if (upper === 'AND' || upper === 'OR' || upper === 'NOT') {
      tokens.push({ kind: upper === 'AND' ? 'and' : upper === 'OR' ? 'or' : 'not', offset: start, length: chunk.length });
      continue;
    }
    if (upper.startsWith('NEAR/') || chunk === 'NEAR') {
      const distance = upper.slice(5);
      if (!/^\d{1,6}$/.test(distance)) {
        throw new QueryError('NEAR needs a distance in words written straight after it, like NEAR/5', start, chunk.length);
      }
      const n = Number(distance);
      if (n > MAX_NEAR_DISTANCE) throw new QueryError(`NEAR distance ${n} is too large; use at most NEAR/${MAX_NEAR_DISTANCE}`, start, chunk.length);
      tokens.push({ kind: 'near', distance: n, offset: start, length: chunk.length });
      continue;
    }
    tokens.push({ kind: 'term', text: chunk, offset: start, length: chunk.length });
  }
  return tokens;
}

const FIELD_EXAMPLES: Record<QueryField, string> = {
  author: 'KestrelMobile',
  lang: 'en',
  source: 'demo',
  site: 'example.com',
  platform: 'reddit',
};
