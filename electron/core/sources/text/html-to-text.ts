/**
 * Posts from Mastodon and feed entries arrive as HTML written by strangers. Earshot never renders
 * it: it keeps only the text a reader would see (entities decoded, scripts and styles dropped,
 * block boundaries as line breaks). htmlparser2 tokenises real-world HTML (unclosed tags,
 * attributes with '>' inside, CDATA) the way a browser would, which regexes do not.
 */
import { Parser } from 'htmlparser2';

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'head', 'title']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'hr',
  'figure',
  'figcaption',
  'dd',
  'dt',
]);

export function htmlToText(html: string): string {
  let out = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipping++;
        else if (BLOCK.has(name)) out += '\n';
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name)) out += '\n';
      },
      ontext(text) {
        if (skipping === 0) out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return normaliseWhitespace(out);
}

/** Collapses runs of spaces within lines and drops blank lines (paragraphs become lines); trims the ends. */
export function normaliseWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\t\f\v \u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
    .trim();
}

/** Text that may or may not be HTML (feed summaries): only parsed when it looks like markup or has entities. */
export function textOrHtmlToText(value: string): string {
  return /<[a-z!/]|&[#a-z0-9]+;/i.test(value) ? htmlToText(value) : normaliseWhitespace(value);
}
