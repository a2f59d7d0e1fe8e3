// Builds better-sqlite3 for the installed Electron into .native/electron-<version>/better_sqlite3.node,
// where the app shell loads it with `nativeBinding` (electron/main/native-binding.ts).
//
// Why not @electron/rebuild or electron-builder install-app-deps: they rebuild node_modules in
// place, and node_modules must keep the Node build for the tests and serve mode (on a failed
// header download they even leave it deleted). So this compiles a copy of the package source in a
// temporary folder and never writes to node_modules.
//
// Usage: npm run build:native-electron [-- --force]
// Needs internet once (Electron's headers), plus what node-gyp needs (Python 3, make, a C++ compiler).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const force = process.argv.includes('--force');

/** Thrown for failures with a known cause; printed as plain text, not as a stack trace. */
class BuildFailure extends Error {}

function fail(message) {
  throw new BuildFailure(message);
}

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

function electronVersion() {
  const dir = packageDir('electron');
  if (!dir) fail('The electron package is not installed (it is an optional dependency). Install it with "npm install" first.');
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

/** node-gyp from node_modules if a package brought it, else the copy bundled with npm. */
function findNodeGyp() {
  const candidates = [];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // Not a dependency of anything here; fall back to npm's.
  }
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((file) => existsSync(file)) ?? null;
}

/**
 * npm passes its config to scripts as npm_config_* variables, and this machine's config points
 * node-gyp at Node's own headers (nodedir): with it, node-gyp would build for Node's ABI again.
 */
function childEnv() {
  const drop = new Set(['npm_config_nodedir', 'nodedir', 'npm_config_target', 'npm_config_runtime', 'npm_config_disturl', 'npm_config_dist_url']);
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (!drop.has(key.toLowerCase())) env[key] = value;
  return env;
}

function sha256(file) {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
}

/** Runs node-gyp, echoing its output, and keeps the tail to explain a failure. */
function run(args, cwd) {
  return new Promise((done) => {
    const tail = [];
    const child = spawn(process.execPath, args, { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (stream, out) =>
      stream.on('data', (chunk) => {
        out.write(chunk);
        tail.push(...String(chunk).split('\n').filter(Boolean));
        tail.splice(0, Math.max(0, tail.length - 60));
      });
    keep(child.stdout, process.stdout);
    keep(child.stderr, process.stderr);
    child.on('error', (error) => done({ code: -1, tail: [...tail, String(error)] }));
    child.on('close', (code) => done({ code: code ?? -1, tail }));
  });
}

/** One plain sentence for the usual causes; the full node-gyp output is above it. */
function explain(tail) {
  const text = tail.filter((line) => /ERR!|error/i.test(line)).join('\n');
  if (
    /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|self[- ]signed|certificate|socket hang up|\b40[34]\b/i.test(text)
  ) {
    return `Why: the Electron headers could not be downloaded from ${ELECTRON_HEADERS_URL} (no internet access, a proxy, or a blocked host). Run this again on a machine with internet access.`;
  }
  if (/Could not find any Python|find Python.*(not|no)|No module named/i.test(text)) return 'Why: node-gyp needs Python 3, which was not found.';
  if (/make: not found|not found: make|g\+\+: not found|No such file or directory.*(c\+\+|g\+\+|cc)|MSBuild|Visual Studio/i.test(text)) {
    return 'Why: no C++ build toolchain (make and a C++ compiler, or Visual Studio Build Tools on Windows).';
  }
  const lastError = [...tail].reverse().find((line) => /ERR!|error/i.test(line));
  return `Why: node-gyp failed${lastError ? `: ${lastError.trim()}` : ''}. See its output above.`;
}

async function main() {
  const version = electronVersion();
  const outFile = join(root, '.native', `electron-${version}`, 'better_sqlite3.node');
  const shown = relative(root, outFile).split(sep).join('/');
  if (existsSync(outFile) && !force) {
    console.log(`build-native-electron: ${shown} already exists (use --force to rebuild).`);
    return;
  }
  const source = packageDir('better-sqlite3');
  if (!source) fail('better-sqlite3 is not installed; run "npm install" first.');
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) fail('node-gyp was not found (neither in node_modules nor bundled with npm).');

  const nodeBuild = join(source, 'build', 'Release', 'better_sqlite3.node');
  const nodeBuildHash = sha256(nodeBuild);
  const work = mkdtempSync(join(tmpdir(), 'earshot-native-'));
  const copy = join(work, 'better-sqlite3');
  try {
    console.log(`build-native-electron: compiling better-sqlite3 for Electron ${version} in ${work} (node_modules is left alone)...`);
    cpSync(source, copy, { recursive: true, filter: (file) => relative(source, file).split(sep)[0] !== 'build' });
    const result = await run(
      [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${version}`, `--dist-url=${ELECTRON_HEADERS_URL}`, `--arch=${process.arch}`],
      copy,
    );
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (result.code !== 0 || !existsSync(built)) fail(explain(result.tail));
    mkdirSync(dirname(outFile), { recursive: true });
    // Copy then rename: the app never sees a half-written addon.
    copyFileSync(built, `${outFile}.partial`);
    renameSync(`${outFile}.partial`, outFile);
    console.log(`build-native-electron: wrote ${shown}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (sha256(nodeBuild) !== nodeBuildHash) {
      console.error(`build-native-electron: WARNING: ${nodeBuild} changed during the build; run "npm rebuild better-sqlite3".`);
      process.exitCode = 1;
    }
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof BuildFailure)) throw error;
  console.error(`\nbuild-native-electron: the Electron build of better-sqlite3 could not be made.\n${error.message}\n`);
  process.exitCode = 1;
}
