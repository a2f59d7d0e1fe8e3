/**
 * The layering rule, checked on every test run: `shared/` depends on nothing of ours and on no
 * runtime; `renderer/` sees only `shared/`; the core never touches Electron or the shells; the
 * shells meet only through the core. An import that crosses a line fails here with its file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface Import {
  file: string;
  specifier: string;
  /** Repository-relative target for relative imports, e.g. `shared/contract/api`. */
  target: string | null;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(folder: string): Import[] {
  const out: Import[] = [];
  for (const file of sourceFiles(join(ROOT, folder))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (!specifier) continue;
      const target = specifier.startsWith('.') ? relative(ROOT, resolve(dirname(file), specifier)).split(sep).join('/') : null;
      out.push({ file: relative(ROOT, file), specifier, target });
    }
  }
  return out;
}

function violations(imports: Import[], allowed: (i: Import) => boolean): string[] {
  return imports.filter((i) => !allowed(i)).map((i) => `${i.file} imports ${i.specifier}`);
}

describe('layering', () => {
  it('shared/ imports only shared/ and pure packages, no Node or DOM runtime', () => {
    const bad = violations(importsOf('shared'), (i) =>
      i.target !== null ? i.target.startsWith('shared/') : !i.specifier.startsWith('node:') && !['electron', 'react', 'better-sqlite3', 'ws'].includes(i.specifier),
    );
    expect(bad).toEqual([]);
  });

  it('renderer/ imports only shared/ and browser packages', () => {
    const bad = violations(importsOf('renderer'), (i) =>
      i.target !== null ? i.target.startsWith('renderer/') || i.target.startsWith('shared/') : !i.specifier.startsWith('node:') && i.specifier !== 'electron' && i.specifier !== 'better-sqlite3',
    );
    expect(bad).toEqual([]);
  });

  it('the core never imports Electron or a shell', () => {
    const bad = violations(importsOf('electron/core'), (i) =>
      i.target !== null ? i.target.startsWith('electron/core/') || i.target.startsWith('shared/') : i.specifier !== 'electron',
    );
    expect(bad).toEqual([]);
  });

  it('serve mode and the Electron shell meet only through the core', () => {
    const serve = violations(importsOf('electron/serve'), (i) => (i.target !== null ? !i.target.startsWith('electron/main') && !i.target.startsWith('electron/preload') && !i.target.startsWith('renderer/') : i.specifier !== 'electron'));
    const shell = violations(importsOf('electron/main'), (i) => i.target === null || (!i.target.startsWith('electron/serve') && !i.target.startsWith('renderer/')));
    const preload = violations(importsOf('electron/preload'), (i) => i.target === null || i.target.startsWith('electron/preload/') || i.target.startsWith('shared/'));
    expect([...serve, ...shell, ...preload]).toEqual([]);
  });

  it('finds imports at all (the check is not vacuous)', () => {
    expect(importsOf('electron/core').some((i) => i.target === 'shared/contract/api')).toBe(true);
    expect(importsOf('renderer').length).toBeGreaterThan(10);
  });
});
