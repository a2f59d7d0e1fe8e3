/**
 * Text from strangers may carry Unicode direction controls. An embedding or override left open
 * (U+202A LRE, U+202B RLE, U+202D LRO, U+202E RLO) or an isolate left open (U+2066 LRI, U+2067 RLI,
 * U+2068 FSI) would reorder whatever is shown after the string: "txt.exe" shown as "exe.txt", a
 * handle that reverses the next column. Each string gets its openers closed at its end, innermost
 * first (U+202C PDF for an embedding or override, U+2069 PDI for an isolate), so what a post does
 * to direction ends with the post. Pure: ingest and display use the same rule.
 */

const PDF = '\u202C';
const PDI = '\u2069';
const OPENERS_EMBEDDING = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
const OPENERS_ISOLATE = new Set(['\u2066', '\u2067', '\u2068']);
const ANY_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** The string with every direction embedding, override or isolate it leaves open closed at its end. */
export function closeDirectionControls(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  const open: Array<'embedding' | 'isolate'> = [];
  for (const ch of text) {
    if (OPENERS_EMBEDDING.has(ch)) open.push('embedding');
    else if (OPENERS_ISOLATE.has(ch)) open.push('isolate');
    else if (ch === PDF) {
      // A PDF closes the innermost embedding, never across an isolate.
      if (open.length > 0 && open[open.length - 1] === 'embedding') open.pop();
    } else if (ch === PDI) {
      // A PDI closes the innermost open isolate and every embedding opened inside it.
      const at = open.lastIndexOf('isolate');
      if (at >= 0) open.length = at;
    }
  }
  let closers = '';
  for (let i = open.length - 1; i >= 0; i--) closers += open[i] === 'isolate' ? PDI : PDF;
  return text + closers;
}

/** Whether a string holds any direction control (an address with one is not shown as a link). */
export function hasDirectionControls(text: string): boolean {
  return ANY_CONTROL.test(text);
}
