/**
 * Tokens → AST, by recursive descent. Precedence, tightest first:
 *
 *   1. NOT and `-` (prefix, apply to the one operand after them)
 *   2. NEAR/n      (between two words, phrases, wildcards or OR-groups of those; not chained)
 *   3. AND         (written, or implied between two operands side by side)
 *   4. OR
 *
 * So `a b OR c` is `(a AND b) OR c`, and `a OR b NOT c` is `a OR (b AND NOT c)`: use parentheses
 * to say anything else. Every problem is a QueryError pointing at the text at fault.
 */
import { PLATFORMS } from '../../domain/mention';
import type { AndNode, FieldNode, QueryNode, Span, WordsNode } from './ast';
import { MAX_QUERY_CHARS, MAX_QUERY_DEPTH, MIN_WILDCARD_STEM, QueryError } from './query-error';
import { fold, foldedWords, normaliseHandle } from './text';
import { tokenize, type Token } from './tokenizer';

export function parseQuery(query: string): QueryNode {
  if (query.length > MAX_QUERY_CHARS) {
    throw new QueryError(`the query is ${query.length} characters long; the limit is ${MAX_QUERY_CHARS}`, MAX_QUERY_CHARS, query.length - MAX_QUERY_CHARS);
  }
  if (query.trim() === '') throw new QueryError('the query is empty: type the words to listen for', 0, query.length);
  const parser = new Parser(query, tokenize(query));
  const ast = parser.parse();
  requirePositive(ast);
  return ast;
}

export type ParseOutcome = { ok: true; ast: QueryNode } | { ok: false; error: QueryError };

/** parseQuery without throwing; anything but a QueryError is still a bug and is rethrown. */
export function tryParseQuery(query: string): ParseOutcome {
  try {
    return { ok: true, ast: parseQuery(query) };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, error };
    throw error;
  }
}

const spanOf = (t: Span): Span => ({ offset: t.offset, length: t.length });
const cover = (a: Span, b: Span): Span => ({ offset: a.offset, length: b.offset + b.length - a.offset });
const describe = (t: Token): string =>
  t.kind === 'and' ? 'AND' : t.kind === 'or' ? 'OR' : t.kind === 'not' ? 'NOT' : t.kind === 'near' ? `NEAR/${t.distance}` : t.kind;

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly query: string,
    private readonly tokens: Token[],
  ) {}

  parse(): QueryNode {
    const node = this.parseOr();
    const extra = this.peek();
    if (extra) {
      if (extra.kind === 'rparen') throw new QueryError("')' has no matching '('", extra.offset, extra.length);
      throw new QueryError(`unexpected ${describe(extra)}`, extra.offset, extra.length);
    }
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++]!;
  }

  /** The error for "an operand should be here": names the operator left hanging. */
  private missingOperand(after: Token | null): QueryError {
    const at = this.peek();
    const what = after ? describe(after) : null;
    if (!at) {
      if (what) return new QueryError(`${what} needs something after it`, after!.offset, after!.length);
      return new QueryError('the query ends where a word or phrase should be', this.query.length, 0);
    }
    if (at.kind === 'and' || at.kind === 'or' || at.kind === 'near') {
      return new QueryError(`${describe(at)} needs something before it`, at.offset, at.length);
    }
    if (at.kind === 'rparen') {
      if (what) return new QueryError(`${what} needs something after it`, after!.offset, after!.length);
      return new QueryError("')' closes a group that is empty or has no '('", at.offset, at.length);
    }
    return new QueryError(`unexpected ${describe(at)}`, at.offset, at.length);
  }

  private parseOr(): QueryNode {
    const first = this.parseAnd(null);
    const children = [first];
    while (this.peek()?.kind === 'or') {
      const op = this.next();
      children.push(this.parseAnd(op));
    }
    return children.length === 1 ? first : { type: 'or', children, span: cover(first.span, children[children.length - 1]!.span) };
  }

  private startsOperand(t: Token | undefined): boolean {
    return !!t && (t.kind === 'lparen' || t.kind === 'not' || t.kind === 'minus' || t.kind === 'phrase' || t.kind === 'term' || t.kind === 'field');
  }

  private parseAnd(after: Token | null): QueryNode {
    const first = this.parseNear(after);
    const children = [first];
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'and') {
        this.next();
        children.push(this.parseNear(t));
      } else if (this.startsOperand(t)) {
        children.push(this.parseNear(null));
      } else break;
    }
    if (children.length === 1) return first;
    const node: AndNode = { type: 'and', children, span: cover(first.span, children[children.length - 1]!.span) };
    return node;
  }

  private parseNear(after: Token | null): QueryNode {
    const left = this.parseUnary(after);
    const t = this.peek();
    if (t?.kind !== 'near') return left;
    this.next();
    const right = this.parseUnary(t);
    if (this.peek()?.kind === 'near') {
      const again = this.peek()!;
      throw new QueryError('NEAR cannot be chained: join pairs with AND, like (a NEAR/3 b) AND (b NEAR/3 c)', again.offset, again.length);
    }
    return { type: 'near', distance: t.distance, left: this.nearSide(left, t), right: this.nearSide(right, t), span: cover(left.span, right.span) };
  }

  /** A NEAR operand: words, or an OR-group of words; anything else is refused where it is. */
  private nearSide(node: QueryNode, op: Token): WordsNode[] {
    if (node.type === 'words') return [node];
    if (node.type === 'or') return node.children.flatMap((child) => this.nearSide(child, op));
    throw new QueryError(
      `NEAR/${(op as { distance: number }).distance} joins words, "phrases", wildcards or (a OR b) groups of them; this part is ${NODE_WORDS[node.type]}`,
      node.span.offset,
      node.span.length,
    );
  }

  private parseUnary(after: Token | null): QueryNode {
    const t = this.peek();
    if (!this.startsOperand(t)) throw this.missingOperand(after);
    if (t!.kind === 'not' || t!.kind === 'minus') {
      this.next();
      this.enter(t!);
      const child = this.parseUnary(t!);
      this.depth--;
      return { type: 'not', child, span: cover(t!, child.span) };
    }
    return this.parsePrimary();
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_QUERY_DEPTH) throw new QueryError(`nested more than ${MAX_QUERY_DEPTH} levels deep; simplify the query`, t.offset, t.length);
  }

  private parsePrimary(): QueryNode {
    const t = this.next();
    switch (t.kind) {
      case 'lparen': {
        this.enter(t);
        if (this.peek()?.kind === 'rparen') {
          const close = this.next();
          throw new QueryError('empty parentheses: put something between them or remove them', t.offset, close.offset + 1 - t.offset);
        }
        const inner = this.parseOr();
        const close = this.peek();
        if (close?.kind !== 'rparen') {
          if (!close) throw new QueryError("this '(' is never closed: add ')'", t.offset, 1);
          throw new QueryError(`unexpected ${describe(close)}`, close.offset, close.length);
        }
        this.next();
        this.depth--;
        return { ...inner, span: cover(t, close) } as QueryNode;
      }
      case 'phrase':
        return this.phrase(t);
      case 'term':
        return this.term(t);
      case 'field':
        return this.field(t);
      default:
        throw new QueryError(`unexpected ${describe(t)}`, t.offset, t.length);
    }
  }

  private phrase(t: Extract<Token, { kind: 'phrase' }>): WordsNode {
    const star = t.text.indexOf('*');
    if (star >= 0) {
      throw new QueryError('wildcards do not work inside quotes: write the phrase without *, or the word unquoted, like refund*', t.offset + 1 + star, 1);
    }
    if (t.text.trim() === '') throw new QueryError('empty quotes: put the exact phrase between them', t.offset, t.length);
    const words = foldedWords(fold(t.text));
    if (words.length === 0) throw new QueryError('this phrase has no letters, digits or emoji to match', t.offset, t.length);
    return { type: 'words', words, prefix: false, quoted: true, span: spanOf(t) };
  }

  /** Splits a trailing `*` off `text` and checks the stem; `offset` is where `text` starts. */
  private wildcard(text: string, offset: number): { stem: string; prefix: boolean } {
    const star = text.indexOf('*');
    if (star < 0) return { stem: text, prefix: false };
    if (star !== text.length - 1) throw new QueryError('* is a wildcard for the end of a word only, like refund*', offset + star, 1);
    const stem = text.slice(0, -1);
    const last = foldedWords(fold(stem)).at(-1) ?? '';
    if ([...last].length < MIN_WILDCARD_STEM || !/[\p{L}\p{N}]$/u.test(stem)) {
      throw new QueryError(`a wildcard needs at least ${MIN_WILDCARD_STEM} letters or digits right before the *`, offset, text.length);
    }
    return { stem, prefix: true };
  }

  private term(t: Extract<Token, { kind: 'term' }>): QueryNode {
    const sigil = t.text[0];
    if (sigil === '#' || sigil === '@') {
      const body = t.text.slice(1);
      const what = sigil === '#' ? 'hashtag' : 'handle';
      if (body === '')
        throw new QueryError(`'${sigil}' needs a ${what} right after it, like ${sigil === '#' ? '#KestrelDown' : '@KestrelMobile'}`, t.offset, t.length);
      if (sigil === '#') {
        const { stem, prefix } = this.wildcard(body, t.offset + 1);
        const tag = fold(stem);
        if (!/^[\p{L}\p{N}_]+$/u.test(tag)) throw new QueryError('a hashtag is letters, digits and _ only', t.offset, t.length);
        return { type: 'hashtag', tag, prefix, span: spanOf(t) };
      }
      if (body.includes('*'))
        throw new QueryError('handles take no wildcard; use author:name* for handles that start with name', t.offset + 1 + body.indexOf('*'), 1);
      const handle = normaliseHandle(body);
      if (!/^[\p{L}\p{N}_][\p{L}\p{N}_.@-]*$/u.test(handle)) throw new QueryError('a handle is letters, digits, _, . and - only', t.offset, t.length);
      return { type: 'handle', handle, span: spanOf(t) };
    }
    const { stem, prefix } = this.wildcard(t.text, t.offset);
    const words = foldedWords(fold(stem));
    if (words.length === 0) throw new QueryError(`'${t.text}' has no letters, digits or emoji to match`, t.offset, t.length);
    return { type: 'words', words, prefix, quoted: false, span: spanOf(t) };
  }

  private field(t: Extract<Token, { kind: 'field' }>): FieldNode {
    const span = spanOf(t);
    const bad = (message: string): QueryError => new QueryError(message, t.valueOffset, Math.max(1, t.offset + t.length - t.valueOffset - (t.quoted ? 1 : 0)));
    const raw = t.value.trim();
    switch (t.field) {
      case 'author': {
        const { stem, prefix } = this.wildcard(raw, t.valueOffset);
        const value = normaliseHandle(stem);
        if (!/^[\p{L}\p{N}_][\p{L}\p{N}_.@-]*$/u.test(value)) throw bad('author: takes a handle (letters, digits, _, . and -), like author:KestrelMobile');
        return { type: 'field', field: 'author', value, prefix, span };
      }
      case 'lang': {
        const value = raw.toLowerCase().replace(/_/g, '-');
        if (!/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/.test(value)) throw bad('lang: takes a language code, like lang:en or lang:pt-br');
        return { type: 'field', field: 'lang', value, prefix: false, span };
      }
      case 'source': {
        const { stem, prefix } = this.wildcard(raw, t.valueOffset);
        const value = stem.toLowerCase();
        if (!/^[a-z0-9][a-z0-9._-]*$/.test(value))
          throw bad("source: takes a source id as shown in Sources (letters, digits, '.', '_' and '-'), like source:demo");
        return { type: 'field', field: 'source', value, prefix, span };
      }
      case 'site': {
        const value = raw
          .toLowerCase()
          .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
          .replace(/[/?#].*$/, '')
          .replace(/\.$/, '');
        if (raw.includes('*')) throw bad('site: needs no wildcard: site:example.com already includes every subdomain');
        if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/.test(value)) throw bad('site: takes a host name, like site:example.com');
        return { type: 'field', field: 'site', value, prefix: false, span };
      }
      case 'platform': {
        const value = raw.toLowerCase();
        if (!(PLATFORMS as readonly string[]).includes(value)) throw bad(`unknown platform '${raw}'; the platforms are ${PLATFORMS.join(', ')}`);
        return { type: 'field', field: 'platform', value, prefix: false, span };
      }
    }
  }
}

const NODE_WORDS: Record<QueryNode['type'], string> = {
  words: 'words',
  hashtag: 'a hashtag',
  handle: 'a handle',
  field: 'a field filter',
  not: 'an exclusion',
  and: 'an AND',
  or: 'an OR',
  near: 'a NEAR',
};

/**
 * Whether a node says what to look for (rather than only what to leave out). A query must: one
 * that only excludes, such as `NOT spam` or `kestrel OR -spam`, would match nearly everything.
 */
function isPositive(node: QueryNode): boolean {
  switch (node.type) {
    case 'not':
      return false;
    case 'and':
      return node.children.some(isPositive);
    case 'or':
      return node.children.every(isPositive);
    default:
      return true;
  }
}

function requirePositive(node: QueryNode): void {
  if (isPositive(node)) return;
  const culprit = firstNegative(node) ?? node;
  throw new QueryError(
    'this only excludes: a query (and each side of an OR) needs something to look for besides NOT or -',
    culprit.span.offset,
    culprit.span.length,
  );
}

function firstNegative(node: QueryNode): QueryNode | null {
  if (node.type === 'not') return node;
  if (node.type === 'or') {
    for (const child of node.children) if (!isPositive(child)) return firstNegative(child);
  }
  if (node.type === 'and') return node.children.find((c) => c.type === 'not') ?? null;
  return null;
}
