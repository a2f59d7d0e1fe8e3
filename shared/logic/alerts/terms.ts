/** The words most present in an alert's contributing mentions, for "what is this about". */

const STOPWORDS = new Set(
  `a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its just me my no not of on or our out so that the their them then there these they this to too up us was we were what when where which who why will with would you your i'm im it's dont don't can't cant get got still now all any one more very really been being am than via rt amp`.split(
    /\s+/,
  ),
);

/** Lower-cased words and hashtags (no URLs, handles, numbers or stopwords), counted once per text. */
export function topTerms(texts: readonly string[], limit = 5, exclude: readonly string[] = []): string[] {
  const skip = new Set([...STOPWORDS, ...exclude.map((e) => e.toLowerCase())]);
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    const cleaned = text
      .toLowerCase()
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/@[\p{L}\p{N}_.]+/gu, ' ');
    for (const match of cleaned.matchAll(/#?[\p{L}][\p{L}\p{N}'_-]{2,}/gu)) {
      const term = match[0].replace(/['_-]+$/, '');
      if (skip.has(term) || seen.has(term)) continue;
      seen.add(term);
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .filter(([, n]) => n >= 2 || texts.length < 3)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([term]) => term);
}
