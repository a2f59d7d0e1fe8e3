/**
 * Reads RSS 2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.0/1.1 into one plain entry shape.
 * XML goes through fast-xml-parser (validated first, so a broken feed says where it broke);
 * nothing here trusts the feed: missing ids, relative links, HTML in summaries and odd dates are
 * all expected.
 */
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Parser as MarkupParser } from 'htmlparser2';
import { htmlToText, textOrHtmlToText } from '../text/html-to-text';

export interface FeedEntry {
  /** The entry's own id (guid, Atom id, JSON Feed id), else its link, else a hash of its content. */
  id: string;
  title: string;
  /** Plain text of the summary or content (HTML stripped). */
  text: string;
  /** Absolute link, resolved against the feed's address. */
  link: string | null;
  /** Epoch ms; null when the feed gives no readable date. */
  publishedAt: number | null;
  author: string | null;
  lang: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  title: string | null;
  /** The site the feed belongs to (its "home page"), when given. */
  siteUrl: string | null;
  entries: FeedEntry[];
}

export class FeedFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedFormatError';
  }
}

type Node = Record<string, unknown>;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // XML's own entities and numeric character references (&#233;); DOCTYPE entities are expanded
  // only within the library's limits and external ones are refused.
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'author', 'category', 'dc:creator', 'atom:link'].includes(name),
  // Atom content and summaries are kept as raw markup: type="xhtml" is an element tree whose text
  // order a generic XML object cannot keep; `atomText` reads them by their declared type.
  stopNodes: ['feed.entry.content', 'feed.entry.summary'],
});

/** The character data of a raw XML fragment: entities decoded once, CDATA kept, elements dropped. */
function xmlCharacterData(raw: string): string {
  let out = '';
  const parser = new MarkupParser(
    {
      ontext: (t) => {
        out += t;
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(raw);
  parser.end();
  return out;
}

/** Text content of a parsed node: a string, or an element with attributes and '#text'. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object') {
    const t = (value as Node)['#text'];
    if (typeof t === 'string' || typeof t === 'number') return String(t);
  }
  return null;
}

function attr(value: unknown, name: string): string | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const a = (value as Node)[`@_${name}`];
    return typeof a === 'string' ? a : null;
  }
  return null;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function resolveLink(link: string | null, base: string | null): string | null {
  if (!link) return null;
  try {
    return new URL(link.trim(), base ?? undefined).toString();
  } catch {
    return null;
  }
}

/** RFC 822 (RSS), RFC 3339 / ISO 8601 (Atom, JSON Feed, dc:date); null when unreadable. */
export function parseFeedDate(value: string | null): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  let at = Date.parse(trimmed);
  // Some RSS feeds write "UT" or lower-case month names; V8 reads most others.
  if (!Number.isFinite(at)) at = Date.parse(trimmed.replace(/\bUT\b/, 'GMT'));
  return Number.isFinite(at) ? at : null;
}

/** "jane@example.com (Jane Doe)" → "Jane Doe"; "Jane Doe" stays. */
function rssAuthor(value: string | null): string | null {
  if (!value) return null;
  const named = /\(([^)]+)\)\s*$/.exec(value);
  const out = (named?.[1] ?? value).trim();
  return out || null;
}

/** Ids longer than the store keeps (512) are replaced by their hash, so they still dedupe. */
function boundedId(id: string): string {
  return id.length <= 500 ? id : `sha1:${createHash('sha1').update(id).digest('hex')}`;
}

function fallbackId(parts: Array<string | null>): string {
  return `sha1:${createHash('sha1')
    .update(parts.map((p) => p ?? '').join('\u0000'))
    .digest('hex')}`;
}

/** Title and body as one text; `body` is markup-or-text unless `bodyIsPlain` (Atom, already read by type). */
function entryText(title: string, body: string | null, bodyIsPlain = false): string {
  const plain = body ? (bodyIsPlain ? body : textOrHtmlToText(body)) : '';
  if (!title) return plain;
  if (!plain || plain.startsWith(title)) return plain || title;
  return `${title}\n${plain}`;
}

/**
 * What a feed may hold before it is parsed at all. A real feed has a few hundred elements and text
 * nodes of kilobytes; a document of millions of elements or one megabyte-long text node (10 MB of
 * `&amp;` cost ~420 MB to parse) is refused by a linear scan that allocates nothing.
 */
export interface FeedLimits {
  /** Most elements (counted as '<'), comments and declarations included. */
  maxNodes: number;
  /** Longest run of characters between two markup characters (a text node, entities unexpanded). */
  maxTextNodeChars: number;
  /** Most entries kept; the rest of a huge feed is dropped (newest first in every format we read). */
  maxEntries: number;
}

export const FEED_LIMITS: FeedLimits = { maxNodes: 100_000, maxTextNodeChars: 512 * 1024, maxEntries: 2_000 };

/** Throws FeedFormatError when the raw document is beyond the limits. */
export function checkFeedBounds(source: string, limits: FeedLimits = FEED_LIMITS): void {
  let nodes = 0;
  let longest = 0;
  let runStart = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    // '<' opens markup and '>' closes it; JSON's structure characters bound its strings the same way.
    if (c === 60 /* < */ || c === 62 /* > */ || c === 34 /* " */) {
      if (c === 60 && ++nodes > limits.maxNodes)
        throw new FeedFormatError(`the feed has more than ${limits.maxNodes.toLocaleString('en')} elements; a feed that large is refused`);
      const run = i - runStart;
      if (run > longest) longest = run;
      runStart = i + 1;
    }
  }
  longest = Math.max(longest, source.length - runStart);
  if (longest > limits.maxTextNodeChars) {
    throw new FeedFormatError(
      `the feed has a text node of ${Math.round(longest / 1024).toLocaleString('en')} kB, more than the ${Math.round(limits.maxTextNodeChars / 1024)} kB allowed`,
    );
  }
}

export function parseFeed(source: string, feedUrl: string, contentType = '', limits: FeedLimits = FEED_LIMITS): ParsedFeed {
  const trimmed = source.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') throw new FeedFormatError('the feed is empty');
  checkFeedBounds(trimmed, limits);
  const parsed = parseDocument(trimmed, feedUrl, contentType);
  return parsed.entries.length > limits.maxEntries ? { ...parsed, entries: parsed.entries.slice(0, limits.maxEntries) } : parsed;
}

function parseDocument(trimmed: string, feedUrl: string, contentType: string): ParsedFeed {
  if (trimmed.startsWith('{') || contentType.includes('json')) return parseJsonFeed(trimmed, feedUrl);
  if (!trimmed.startsWith('<')) throw new FeedFormatError('this is neither XML nor JSON');
  const valid = XMLValidator.validate(trimmed);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new FeedFormatError(`malformed XML at line ${line}, column ${col}: ${msg}`);
  }
  let doc: Node;
  try {
    doc = xml.parse(trimmed) as Node;
  } catch (error) {
    throw new FeedFormatError(`unreadable XML (${error instanceof Error ? error.message : String(error)})`);
  }
  if (doc.rss && typeof doc.rss === 'object') return parseRss(doc.rss as Node, feedUrl);
  if (doc['rdf:RDF'] && typeof doc['rdf:RDF'] === 'object') return parseRdf(doc['rdf:RDF'] as Node, feedUrl);
  if (doc.feed && typeof doc.feed === 'object') return parseAtom(doc.feed as Node, feedUrl);
  if (doc.html || doc['!doctype']) throw new FeedFormatError('this is an HTML page, not a feed');
  const root = Object.keys(doc).find((k) => !k.startsWith('?'));
  throw new FeedFormatError(`the XML root is <${root ?? '?'}>, not <rss>, <rdf:RDF> or <feed>`);
}

function parseRss(rss: Node, feedUrl: string): ParsedFeed {
  const channel = (rss.channel ?? {}) as Node;
  const siteUrl = resolveLink(text(asArray(channel.link).find((l) => typeof l === 'string') ?? null), feedUrl);
  const lang = text(channel.language) ?? text(channel['dc:language']);
  const entries = asArray(channel.item).map((raw): FeedEntry => {
    const item = (raw ?? {}) as Node;
    const title = textOrHtmlToText(text(item.title) ?? '');
    const link = resolveLink(text(asArray(item.link)[0]) ?? null, siteUrl ?? feedUrl);
    const guidNode = item.guid;
    const guid = text(guidNode)?.trim() || null;
    const guidIsLink = attr(guidNode, 'isPermaLink') !== 'false';
    const body = text(item['content:encoded']) ?? text(item.description);
    const date = text(item.pubDate) ?? text(item['dc:date']);
    return {
      id: boundedId(guid ?? link ?? fallbackId([title, date, body])),
      title,
      text: entryText(title, body),
      link: link ?? (guid && guidIsLink ? resolveLink(guid, feedUrl) : null),
      publishedAt: parseFeedDate(date),
      author: rssAuthor(text(item.author) ?? text(asArray(item['dc:creator'])[0])),
      lang: lang?.trim() || null,
    };
  });
  return { format: 'rss', title: text(channel.title), siteUrl, entries };
}

function parseRdf(rdf: Node, feedUrl: string): ParsedFeed {
  const channel = (rdf.channel ?? {}) as Node;
  const siteUrl = resolveLink(text(asArray(channel.link)[0]), feedUrl);
  const lang = text(channel['dc:language']);
  const entries = asArray(rdf.item).map((raw): FeedEntry => {
    const item = (raw ?? {}) as Node;
    const title = textOrHtmlToText(text(item.title) ?? '');
    const link = resolveLink(text(asArray(item.link)[0]), siteUrl ?? feedUrl);
    const about = attr(item, 'rdf:about');
    const body = text(item['content:encoded']) ?? text(item.description);
    const date = text(item['dc:date']);
    return {
      id: boundedId(about ?? link ?? fallbackId([title, date, body])),
      title,
      text: entryText(title, body),
      link,
      publishedAt: parseFeedDate(date),
      author: text(asArray(item['dc:creator'])[0])?.trim() || null,
      lang: lang?.trim() || null,
    };
  });
  return { format: 'rdf', title: text(channel.title), siteUrl, entries };
}

/** Atom's alternate link: rel="alternate" or no rel at all. */
function atomLink(links: unknown, base: string | null): string | null {
  const all = asArray(links);
  const alternate = all.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate') ?? null;
  return resolveLink(attr(alternate, 'href') ?? text(alternate), base);
}

/**
 * Atom text constructs arrive raw (see `stopNodes`): type="xhtml" is markup to read as HTML;
 * type="html" is escaped HTML (decode the XML, then read the HTML); type="text" is plain text.
 */
function atomText(node: unknown): string | null {
  const raw = text(node);
  if (raw === null) return null;
  const type = attr(node, 'type') ?? 'text';
  if (type === 'xhtml') return htmlToText(raw) || null;
  const decoded = xmlCharacterData(raw);
  return type === 'html' || type === 'text/html' ? htmlToText(decoded) || null : decoded.trim() || null;
}

function parseAtom(feed: Node, feedUrl: string): ParsedFeed {
  const base = resolveLink(attr(feed, 'xml:base'), feedUrl) ?? feedUrl;
  const siteUrl = atomLink(feed.link, base);
  const feedLang = attr(feed, 'xml:lang');
  const feedAuthor = text((asArray(feed.author)[0] as Node | undefined)?.name);
  const entries = asArray(feed.entry).map((raw): FeedEntry => {
    const entry = (raw ?? {}) as Node;
    const entryBase = resolveLink(attr(entry, 'xml:base'), base) ?? base;
    const title = textOrHtmlToText(text(entry.title) ?? '');
    const link = atomLink(entry.link, entryBase);
    const body = atomText(entry.content) ?? atomText(entry.summary);
    const date = text(entry.published) ?? text(entry.updated);
    const author = text((asArray(entry.author)[0] as Node | undefined)?.name) ?? feedAuthor;
    return {
      id: boundedId(text(entry.id)?.trim() || link || fallbackId([title, date, body])),
      title,
      text: entryText(title, body, true),
      link,
      publishedAt: parseFeedDate(date),
      author: author?.trim() || null,
      lang: attr(entry, 'xml:lang') ?? feedLang,
    };
  });
  return { format: 'atom', title: text(feed.title), siteUrl, entries };
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function parseJsonFeed(source: string, feedUrl: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (error) {
    throw new FeedFormatError(`malformed JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new FeedFormatError('a JSON Feed must be an object');
  const feed = doc as Node;
  const version = str(feed.version);
  if (!version?.startsWith('https://jsonfeed.org/version/'))
    throw new FeedFormatError('this JSON is not a JSON Feed (no "version": "https://jsonfeed.org/version/…")');
  if (!Array.isArray(feed.items)) throw new FeedFormatError('the JSON Feed has no "items" list');
  const siteUrl = resolveLink(str(feed.home_page_url), feedUrl);
  const feedAuthors = asArray(feed.authors ?? feed.author);
  const feedAuthor = str((feedAuthors[0] as Node | undefined)?.name);
  const entries = (feed.items as unknown[]).map((raw): FeedEntry => {
    const item = (raw && typeof raw === 'object' ? raw : {}) as Node;
    const title = str(item.title) ?? '';
    const link = resolveLink(str(item.url) ?? str(item.external_url), siteUrl ?? feedUrl);
    const body = str(item.content_html) ?? str(item.content_text) ?? str(item.summary);
    const date = str(item.date_published) ?? str(item.date_modified);
    const authors = asArray(item.authors ?? item.author);
    const id = typeof item.id === 'number' ? String(item.id) : str(item.id);
    return {
      id: boundedId(id ?? link ?? fallbackId([title, date, body])),
      title,
      text: entryText(title, body),
      link,
      publishedAt: parseFeedDate(date),
      author: str((authors[0] as Node | undefined)?.name) ?? feedAuthor,
      lang: str(item.language) ?? str(feed.language),
    };
  });
  return { format: 'json', title: str(feed.title), siteUrl, entries };
}
