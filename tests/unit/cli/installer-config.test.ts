/**
 * The installer configuration (electron-builder.json): targets, identity, hardening, and that every
 * file the app reads at run time is packaged. Installers themselves need Electron's binaries from
 * the internet, so this checks what decides their contents rather than building one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const require = createRequire(join(root, 'package.json'));

interface ExtraResource {
  from: string;
  to: string;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  icon: string;
  files: string[];
  extraResources: ExtraResource[];
  asar: boolean;
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}

const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as BuilderConfig;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  author?: { name?: string; email?: string };
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Folders the app reads next to itself at run time, as the code names them: under the packaged
 * app's `process.resourcesPath` (`join(resourcesPath, 'models')`) or the source tree's
 * `resources/` (`'../../resources/drills'`). The window icon is read only when not packaged.
 */
function runtimeResourceFolders(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const note = (name: string, file: string): void => {
    found.set(name, [...(found.get(name) ?? []), relative(root, file)]);
  };
  for (const file of sourceFiles(join(root, 'electron'))) {
    if (file.includes(`${join('electron', 'cli')}`)) continue; // Build-time commands, not the app.
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/resourcesPath\s*,\s*'([^'/]+)'/g)) note(match[1]!, file);
    for (const match of text.matchAll(/'(?:\.\.\/)+resources\/([^'/]+)/g)) note(match[1]!, file);
  }
  return found;
}

describe('the installer configuration', () => {
  it('builds AppImage and deb on Linux, dmg on macOS and NSIS on Windows under one identity', () => {
    expect(config.appId).toBe('app.earshot.desktop');
    expect(config.productName).toBe('Earshot');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    // deb packages need a maintainer e-mail, which electron-builder takes from package.json.
    expect(manifest.author?.email).toMatch(/@/);
  });

  it('uses the 512 px icon from resources/', () => {
    const png = readFileSync(join(root, config.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('packs the app into an asar with the hardened fuses', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('never rebuilds node_modules in place: better-sqlite3 for Electron comes from a copy', () => {
    expect(config.npmRebuild).toBe(false);
    const native = config.extraResources.find((resource) => resource.to === 'native/better_sqlite3.node');
    expect(native?.from).toBe('.native/dist/better_sqlite3.node');
    // The shell loads exactly that file when packaged.
    const binding = readFileSync(join(root, 'electron/main/native-binding.ts'), 'utf8');
    expect(binding).toMatch(/join\(process\.resourcesPath, 'native', 'better_sqlite3\.node'\)/);
  });

  it('packages the built app: the entry point, the preload and the renderer', () => {
    expect(config.files).toContain('out/**/*');
    expect(manifest.main.startsWith('./out/') || manifest.main.startsWith('out/')).toBe(true);
  });

  it('ships every folder the app reads at run time as an extra resource', () => {
    const folders = runtimeResourceFolders();
    // The scan must see the known readers, or it has silently stopped working.
    expect([...folders.keys()]).toEqual(expect.arrayContaining(['models', 'drills', 'native']));
    const shipped = new Set(config.extraResources.map((resource) => resource.to.split('/')[0]));
    const missing = [...folders.entries()].filter(([name]) => !shipped.has(name)).map(([name, files]) => `${name} (read by ${files.join(', ')})`);
    expect(missing).toEqual([]);
    for (const resource of config.extraResources) {
      if (resource.from.startsWith('.native/')) continue; // Compiled by `npm run dist` itself.
      expect(existsSync(join(root, resource.from)) && statSync(join(root, resource.from)).isDirectory()).toBe(true);
      expect(readdirSync(join(root, resource.from)).length).toBeGreaterThan(0);
    }
  });

  it('has `npm run dist` with electron-builder pinned as a dev dependency', () => {
    expect(manifest.scripts.dist).toBe('node electron/cli/dist.mjs');
    expect(manifest.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.optionalDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('`npm run dist` says in one sentence why it cannot build where Electron is missing', () => {
    let electronBinaryInstalled = false;
    try {
      const path = require('electron') as unknown;
      electronBinaryInstalled = typeof path === 'string' && existsSync(path);
    } catch {
      electronBinaryInstalled = false;
    }
    if (electronBinaryInstalled) {
      console.log('skipped: an Electron binary is installed here, so `npm run dist` would really package');
      return;
    }
    const result = spawnSync(process.execPath, [join(root, 'electron/cli/dist.mjs')], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^earshot dist: cannot build an installer: .*Electron.*\.$/);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });
});
