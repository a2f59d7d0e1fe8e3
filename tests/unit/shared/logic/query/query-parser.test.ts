/**
 * The query language's grammar: what parses to what (precedence, quoting, fields, wildcards), and
 * where each malformed query is reported. Shapes are compared as compact S-expressions.
 */
import { describe, expect, it } from 'vitest';
import type { QueryNode } from '@shared/logic/query';
import { MAX_QUERY_CHARS, MAX_QUERY_DEPTH, parseQuery, QueryError, tryParseQuery } from '@shared/logic/query';

/** A compact, readable form of an AST: (and a b), (or …), (not x), (near/3 a|b c), "phrase", pre*, #tag, @h, field:v. */
function sexpr(node: QueryNode): string {
  switch (node.type) {
    case 'words': {
      const text = node.words.join(' ') + (node.prefix ? '*' : '');
      return node.quoted || node.words.length > 1 ? `"${text}"` : text;
    }
    case 'hashtag':
      return `#${node.tag}${node.prefix ? '*' : ''}`;
    case 'handle':
      return `@${node.handle}`;
    case 'field':
      return `${node.field}:${node.value}${node.prefix ? '*' : ''}`;
    case 'not':
      return `(not ${sexpr(node.child)})`;
    case 'and':
    case 'or':
      return `(${node.type} ${node.children.map(sexpr).join(' ')})`;
    case 'near':
      return `(near/${node.distance} ${node.left.map(sexpr).join('|')} ${node.right.map(sexpr).join('|')})`;
  }
}

const parse = (q: string): string => sexpr(parseQuery(q));

describe('precedence: NOT > NEAR > AND > OR', () => {
  it.each([
    ['kestrel', 'kestrel'],
    ['kestrel outage', '(and kestrel outage)'],
    ['kestrel AND outage', '(and kestrel outage)'],
    ['a b OR c', '(or (and a b) c)'],
    ['a OR b c', '(or a (and b c))'],
    ['a OR b AND c OR d', '(or a (and b c) d)'],
    ['a AND (b OR c)', '(and a (or b c))'],
    ['(a OR b) (c OR d)', '(and (or a b) (or c d))'],
    ['a NOT b', '(and a (not b))'],
    ['a OR b NOT c', '(or a (and b (not c)))'],
    ['NOT a b', '(and (not a) b)'],
    ['a -b -"c d"', '(and a (not b) (not "c d"))'],
    ['a -(b OR c)', '(and a (not (or b c)))'],
    ['a NEAR/3 b c', '(and (near/3 a b) c)'],
    ['a NEAR/3 b OR c', '(or (near/3 a b) c)'],
    ['x AND a NEAR/3 b', '(and x (near/3 a b))'],
    ['(a OR b) NEAR/2 "c d"', '(near/2 a|b "c d")'],
    ['((a))', 'a'],
    ['a NOT NOT b', '(and a (not (not b)))'],
  ])('%s  →  %s', (query, expected) => {
    expect(parse(query)).toBe(expected);
  });

  it('reads operators in any case; quoted, they are words', () => {
    expect(parse('a and b or c')).toBe('(or (and a b) c)');
    expect(parse('a Or b')).toBe('(or a b)');
    expect(parse('a not b')).toBe('(and a (not b))');
    expect(parse('a near/2 b')).toBe('(near/2 a b)');
    expect(parse('"and" "or" "not"')).toBe('(and "and" "or" "not")');
    // Lower-case "near" with no distance is the ordinary word.
    expect(parse('near me')).toBe('(and near me)');
  });
});

describe('terms, phrases, wildcards, hashtags, handles', () => {
  it.each([
    ['"no signal"', '"no signal"'],
    ['"No   Signal!"', '"no signal"'],
    ['\u201Cno signal\u201D', '"no signal"'],
    ['wi-fi', '"wi fi"'],
    ["don't", '"don t"'],
    ['Café', 'cafe'],
    ['ＫＥＳＴＲＥＬ', 'kestrel'],
    ['refund*', 'refund*'],
    ['wi-fir*', '"wi fir*"'],
    ['#KestrelDown', '#kestreldown'],
    ['#kestrel*', '#kestrel*'],
    ['#Kestrel_Down', '#kestrel_down'],
    ['@KestrelMobile', '@kestrelmobile'],
    ['@alice.bsky.social', '@alice.bsky.social'],
    ['@ben@mastodon.social', '@ben@mastodon.social'],
    ['手机', '"手 机"'],
    ['iPhone手机', '"iphone 手 机"'],
    ['🔥', '🔥'],
    ['5G', '5g'],
  ])('%s  →  %s', (query, expected) => {
    expect(parse(query)).toBe(expected);
  });
});

describe('fields', () => {
  it.each([
    ['author:KestrelMobile', 'author:kestrelmobile'],
    ['author:@KestrelMobile', 'author:kestrelmobile'],
    ['author:tech*', 'author:tech*'],
    ['AUTHOR:"ben_khan"', 'author:ben_khan'],
    ['lang:EN', 'lang:en'],
    ['lang:pt_BR', 'lang:pt-br'],
    ['source:demo', 'source:demo'],
    ['site:News.Example.com', 'site:news.example.com'],
    ['site:https://www.example.com/path?q=1', 'site:www.example.com'],
    ['platform:Reddit', 'platform:reddit'],
    ['kestrel platform:x -lang:fr', '(and kestrel platform:x (not lang:fr))'],
  ])('%s  →  %s', (query, expected) => {
    expect(parse(query)).toBe(expected);
  });
});

/**
 * Malformed queries: the message (a fragment of it) and the exact span at fault. `^` marks in
 * the comments show where the caret goes.
 */
describe('errors say what and where', () => {
  it.each<[string, RegExp, number, number]>([
    ['', /empty/, 0, 0],
    ['   ', /empty/, 0, 3],
    ['(kestrel OR outage', /'\(' is never closed/, 0, 1],
    ['kestrel (outage OR (signal)', /'\(' is never closed/, 8, 1],
    ['kestrel) outage', /'\)' has no matching '\('/, 7, 1],
    ['kestrel AND', /AND needs something after it/, 8, 3],
    ['kestrel OR', /OR needs something after it/, 8, 2],
    ['AND kestrel', /AND needs something before it/, 0, 3],
    ['kestrel AND OR outage', /OR needs something before it/, 12, 2],
    ['kestrel OR OR outage', /OR needs something before it/, 11, 2],
    ['kestrel NOT', /NOT needs something after it/, 8, 3],
    ['(kestrel AND)', /AND needs something after it/, 9, 3],
    ['()', /empty parentheses/, 0, 2],
    ['kestrel ()', /empty parentheses/, 8, 2],
    ['"no signal', /quote is never closed/, 0, 10],
    ['kestrel "no signal', /quote is never closed/, 8, 10],
    ['""', /empty quotes/, 0, 2],
    ['"  "', /empty quotes/, 0, 4],
    ['kestrel NEAR outage', /NEAR needs a distance/, 8, 4],
    ['kestrel NEAR/ outage', /NEAR needs a distance/, 8, 5],
    ['kestrel NEAR/x outage', /NEAR needs a distance/, 8, 6],
    ['kestrel NEAR/500 outage', /too large/, 8, 8],
    ['NEAR/3 outage', /NEAR\/3 needs something before it/, 0, 6],
    ['kestrel NEAR/3', /NEAR\/3 needs something after it/, 8, 6],
    ['a NEAR/3 b NEAR/3 c', /cannot be chained/, 11, 6],
    ['kestrel NEAR/3 author:x', /this part is a field filter/, 15, 8],
    ['kestrel NEAR/3 (a AND b)', /this part is an AND/, 15, 9],
    ['#tag NEAR/3 outage', /this part is a hashtag/, 0, 4],
    ['foo:bar', /unknown field 'foo:'/, 0, 4],
    ['kestrel https://example.com', /unknown field 'https:'/, 8, 6],
    ['author:', /'author:' needs a value/, 0, 7],
    ['kestrel lang: en', /'lang:' needs a value/, 8, 5],
    ['lang:english', /language code/, 5, 7],
    ['platform:myspace', /unknown platform 'myspace'/, 9, 7],
    ['site:exa_mple.com', /host name/, 5, 12],
    ['author:"two words"', /author: takes a handle/, 8, 9],
    ['re*', /at least 3 letters/, 0, 3],
    ['kestrel a*', /at least 3 letters/, 8, 2],
    ['re*fund', /end of a word only/, 2, 1],
    ['*fund', /end of a word only/, 0, 1],
    ['"refund*"', /wildcards do not work inside quotes/, 7, 1],
    ['#', /'#' needs a hashtag/, 0, 1],
    ['kestrel @', /'@' needs a handle/, 8, 1],
    ['@kestrel*', /handles take no wildcard/, 8, 1],
    ['!!!', /no letters, digits or emoji/, 0, 3],
    ['kestrel - outage', /'-' excludes what follows it/, 8, 1],
    ['kestrel -', /'-' excludes what follows it/, 8, 1],
    ['NOT spam', /only excludes/, 0, 8],
    ['-spam -scam', /only excludes/, 0, 5],
    ['kestrel OR -spam', /only excludes/, 11, 5],
    ['(NOT a) OR b', /only excludes/, 0, 7],
  ])('%j', (query, message, offset, length) => {
    const outcome = tryParseQuery(query);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(QueryError);
    expect(outcome.error.message).toMatch(message);
    expect({ offset: outcome.error.offset, length: outcome.error.length }).toEqual({ offset, length });
    // The span always lies inside the query (or is the empty span at its end).
    expect(outcome.error.offset + outcome.error.length).toBeLessThanOrEqual(query.length);
  });

  it('refuses an over-long query at the limit', () => {
    const query = 'kestrel OR '.repeat(400) + 'outage';
    expect(query.length).toBeGreaterThan(MAX_QUERY_CHARS);
    const outcome = tryParseQuery(query);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.message).toMatch(/limit is 4000/);
      expect(outcome.error.offset).toBe(MAX_QUERY_CHARS);
    }
  });

  it('refuses nesting deeper than the limit, pointing at the parenthesis too many', () => {
    const ok = '('.repeat(MAX_QUERY_DEPTH) + 'a' + ')'.repeat(MAX_QUERY_DEPTH);
    expect(parse(ok)).toBe('a');
    const deep = '('.repeat(MAX_QUERY_DEPTH + 1) + 'a' + ')'.repeat(MAX_QUERY_DEPTH + 1);
    const outcome = tryParseQuery(deep);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect({ message: outcome.error.message, offset: outcome.error.offset }).toEqual({
        message: expect.stringMatching(/nested more than 32/),
        offset: MAX_QUERY_DEPTH,
      });
    const nots = 'a ' + 'NOT '.repeat(MAX_QUERY_DEPTH + 1) + 'b';
    expect(tryParseQuery(nots).ok).toBe(false);
  });

  it('never throws anything but a QueryError, whatever the input', () => {
    const pieces = [
      '(',
      ')',
      '"',
      'AND',
      'OR',
      'NOT',
      'NEAR/2',
      'NEAR',
      '-',
      'a',
      'kestrel',
      '#x',
      '@y',
      'author:',
      'lang:en',
      'site:',
      '*',
      're*',
      '手',
      '🔥',
      '\u0301',
      '\uD800',
      ':',
      '“',
      'x:',
      '  ',
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3_000; i++) {
      const n = 1 + Math.floor(random() * 8);
      const query = Array.from({ length: n }, () => pieces[Math.floor(random() * pieces.length)]).join(random() < 0.5 ? ' ' : '');
      const outcome = tryParseQuery(query); // throws (failing the test) on anything else
      if (!outcome.ok) {
        expect(outcome.error.offset).toBeGreaterThanOrEqual(0);
        expect(outcome.error.offset + outcome.error.length).toBeLessThanOrEqual(query.length);
      }
    }
  });
});
