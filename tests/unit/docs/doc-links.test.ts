/**
 * Every relative link in README.md and docs/*.md points at a file that exists, and every `#anchor`
 * at a heading of the file it names (GitHub's heading ids), so moving a section cannot leave a
 * dead link behind.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2. */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const match = fenced ? null : /^#{1,6} (.*)$/.exec(line);
    if (!match?.[1]) continue;
    const base = match[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\- _]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

/** Links outside code: `[text](target)`, with inline code spans and fenced blocks removed first. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? '');
}

function brokenLinks(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const broken: string[] = [];
  for (const link of linksOf(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // http:, https:, mailto:
    const [path = '', anchor] = link.split('#');
    const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    const where = `${relative(ROOT, file)} → ${link}`;
    if (!existsSync(target)) {
      broken.push(`${where}: no such file`);
      continue;
    }
    if (anchor !== undefined && statSync(target).isFile() && target.endsWith('.md') && !headingIds(readFileSync(target, 'utf8')).has(anchor)) {
      broken.push(`${where}: no heading with that id`);
    }
  }
  return broken;
}

const docs = [
  join(ROOT, 'README.md'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((n) => n.endsWith('.md'))
    .map((n) => join(ROOT, 'docs', n)),
];

describe('documentation links', () => {
  it('finds the documents and their links (the check is not vacuous)', () => {
    expect(docs.length).toBeGreaterThan(10);
    expect(linksOf(readFileSync(join(ROOT, 'README.md'), 'utf8')).filter((l) => l.startsWith('docs/')).length).toBeGreaterThan(10);
  });

  it.each(docs.map((f) => [relative(ROOT, f), f]))('%s has no broken relative link or anchor', (_name, file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it('tells a missing file and a missing heading apart from good links', () => {
    const ids = headingIds('# Topics and the query language\n## Crisis drills\n## Crisis drills\n```\n# not a heading\n```\n');
    expect([...ids]).toEqual(['topics-and-the-query-language', 'crisis-drills', 'crisis-drills-1']);
    expect(linksOf('see [a](b.md#c), `[x](y.md)` and ![img](i.png)')).toEqual(['b.md#c', 'i.png']);
  });
});
