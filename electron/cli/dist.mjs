// `npm run dist`: builds the desktop installer for the current OS with electron-builder
// (AppImage + deb on Linux, dmg on macOS, NSIS on Windows; see electron-builder.json).
//
// Packaging needs Electron's binary (the installed `electron` package, for the zip and the fuses)
// and Electron's headers (better-sqlite3 is compiled for Electron's ABI). Both come from the
// internet; where they cannot be had this says so in one sentence and exits 1, instead of leaving
// a half-built installer or, worse, a node_modules whose Node build of better-sqlite3 was deleted
// by an in-place rebuild (electron-builder's npmRebuild is off for that reason: the Electron build
// is compiled in a copy by build-native-electron.mjs and shipped as an extra resource).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const passThrough = process.argv.slice(2);

function fail(sentence) {
  console.error(`earshot dist: ${sentence}`);
  process.exit(1);
}

function runNode(script, args, what) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`could not run ${what}: ${result.error.message}`);
  if (result.status !== 0) fail(`${what} failed (exit ${result.status ?? result.signal}); no installer was built.`);
}

function binOf(name, bin = name) {
  const manifestPath = require.resolve(`${name}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[bin];
  return join(dirname(manifestPath), entry);
}

let electronVersion;
try {
  electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
} catch {
  fail(
    'cannot build an installer: the electron package is not installed (npm drops it when Electron\'s binary cannot be downloaded); run "npm install" where the internet is reachable.',
  );
}
let electronBinary = null;
try {
  electronBinary = require('electron');
} catch {
  // The package is there but its binary was never downloaded.
}
if (typeof electronBinary !== 'string' || !existsSync(electronBinary)) {
  fail(
    `cannot build an installer: Electron ${electronVersion}'s binary is not installed (its download failed or ELECTRON_SKIP_BINARY_DOWNLOAD was set); run "npm install" where the internet is reachable.`,
  );
}

runNode(binOf('electron-vite'), ['build'], 'electron-vite build');
// Needs Electron's headers from the internet; it explains itself in one sentence when it cannot.
runNode(join(root, 'electron/cli/build-native-electron.mjs'), [], 'compiling better-sqlite3 for Electron');
const nativeBuild = join(root, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');
mkdirSync(join(root, '.native', 'dist'), { recursive: true });
copyFileSync(nativeBuild, join(root, '.native', 'dist', 'better_sqlite3.node'));

// Package the Electron that npm installed (electronDist) rather than downloading another copy.
const electronDist = join(dirname(require.resolve('electron/package.json')), 'dist');
runNode(
  binOf('electron-builder'),
  [
    '--config',
    'electron-builder.json',
    `--config.electronDist=${electronDist}`,
    `--config.electronVersion=${electronVersion}`,
    '--publish',
    'never',
    ...passThrough,
  ],
  'electron-builder',
);
console.log('earshot dist: installers written to dist/');
