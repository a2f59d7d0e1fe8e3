// Type-checks every runtime's sources against its own tsconfig (shared: no Node, no DOM;
// node: core, serve mode, tests, configs; web: renderer; shell: Electron main + preload).
//
// Why not `tsc -b`: the tsconfigs are composite so editors and `tsc -b` can use project
// references, but a references build must emit declarations, which adds declaration-emit errors
// (TS4058 and friends) that say nothing about the program, and refuses --noEmit. So each project
// is checked on its own with `tsc -p --noEmit` through a throw-away wrapper config that extends
// it with composite off. `references` is not inherited through `extends`, so imported shared/
// files are checked as sources under the importing project's settings, while tsconfig.shared.json
// still checks them under their stricter one.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const tscBin = require.resolve('typescript/bin/tsc');
const wrapperDir = join(root, 'node_modules', '.cache', 'earshot-typecheck');

function electronPackageInstalled() {
  // The package (and its types) may be installed without its binary; types are all tsc needs.
  try {
    require.resolve('electron/package.json');
    return true;
  } catch {
    return false;
  }
}

function wrapperFor(config) {
  mkdirSync(wrapperDir, { recursive: true });
  const file = join(wrapperDir, config);
  const wrapper = {
    extends: relative(wrapperDir, join(root, config)).split('\\').join('/'),
    compilerOptions: { composite: false, incremental: false, declaration: false, emitDeclarationOnly: false, noEmit: true },
  };
  writeFileSync(file, JSON.stringify(wrapper, null, 2) + '\n');
  return file;
}

function check(config) {
  return new Promise((resolveCheck) => {
    const child = spawn(process.execPath, [tscBin, '-p', wrapperFor(config), '--noEmit', '--pretty', 'false'], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolveCheck({ config, ok: false, output: String(error) }));
    child.on('close', (code) => resolveCheck({ config, ok: code === 0, output }));
  });
}

const configs = ['tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.web.json'];
if (!electronPackageInstalled()) {
  console.log('typecheck: Electron shell skipped (electron package not installed)');
} else if (!existsSync(join(root, 'tsconfig.shell.json'))) {
  console.log('typecheck: Electron shell skipped (tsconfig.shell.json does not exist yet)');
} else {
  configs.push('tsconfig.shell.json');
}

const started = Date.now();
const results = await Promise.all(configs.map(check));
for (const result of results) {
  const text = result.output.trim();
  console.log(`typecheck: ${result.config} ${result.ok ? 'ok' : 'FAILED'}`);
  if (text) console.log(text);
}
const failed = results.filter((result) => !result.ok).map((result) => result.config);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failed.length > 0) {
  console.error(`typecheck: failed in ${failed.join(', ')} (${seconds} s)`);
  process.exit(1);
}
console.log(`typecheck: ${configs.length} projects ok (${seconds} s)`);
