// `npm start`: build, then run the Electron app when its binary is installed, or serve mode
// (the same core under plain Node, walls in any browser) when it is not or when asked to
// (`npm run serve`, `--serve`, EARSHOT_SERVE=1). Exits with the app's exit code.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

function fail(message) {
  console.error(`earshot: ${message}`);
  process.exit(1);
}

function build() {
  // The bin script run with this Node is what node_modules/.bin/electron-vite points at; calling
  // it directly avoids needing a shell for the .cmd shim on Windows.
  const pkg = require('electron-vite/package.json');
  const bin = join(dirname(require.resolve('electron-vite/package.json')), pkg.bin['electron-vite']);
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.error) fail(`could not run electron-vite build: ${result.error.message}`);
  if (result.status !== 0) fail(`the build failed (electron-vite build exited with ${result.status ?? result.signal}); nothing was started.`);
}

/** The Electron executable's path, or null when only the package (or nothing) is installed. */
function electronBinary() {
  try {
    // The package exports the binary's path and throws when the binary was never downloaded.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Ensures better-sqlite3 is built for Electron's ABI; returns why not when it cannot be. */
function prepareNativeModule() {
  const result = spawnSync(process.execPath, [join(root, 'electron/cli/build-native-electron.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.error) return result.error.message;
  if (result.status !== 0) return `electron/cli/build-native-electron.mjs exited with ${result.status ?? result.signal}`;
  return null;
}

/**
 * Runs the app and mirrors its end. The child gets its own process group so a Ctrl+C in the
 * terminal reaches it once (forwarded from here) rather than twice; serve mode reads a second
 * SIGINT as "stop right now, skip the orderly shutdown".
 */
function run(command, commandArgs) {
  const ownGroup = process.platform !== 'win32';
  const env = { ...process.env };
  // Inherited from some tool shells, it would make the Electron binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env, detached: ownGroup });
  // A Ctrl+C under `npm start` reaches this process twice (from the terminal and forwarded by
  // npm); pass a repeat on only when it is clearly a second press.
  const lastForwarded = new Map();
  const forward = (signal) => {
    const now = Date.now();
    if (now - (lastForwarded.get(signal) ?? 0) < 1_000) return;
    lastForwarded.set(signal, now);
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));
  child.on('error', (error) => fail(`could not start ${command}: ${error.message}`));
  child.on('exit', (code, signal) => {
    if (signal) process.exit(128 + (constants.signals[signal] ?? 1));
    process.exit(code ?? 1);
  });
}

function serve() {
  run(process.execPath, [join(root, 'out/main/serve.js')]);
}

if (!args.includes('--no-build')) build();

if (args.includes('--serve') || process.env.EARSHOT_SERVE === '1') {
  serve();
} else {
  const electron = electronBinary();
  if (electron === null) {
    console.log(
      'No Electron binary is installed (offline install or ELECTRON_SKIP_BINARY_DOWNLOAD); starting serve mode instead — open the printed URL in a browser.',
    );
    serve();
  } else {
    const problem = prepareNativeModule();
    if (problem !== null) {
      console.log(`Could not prepare better-sqlite3 for Electron (${problem}); starting serve mode instead — open the printed URL in a browser.`);
      serve();
    } else {
      run(electron, ['.']);
    }
  }
}
