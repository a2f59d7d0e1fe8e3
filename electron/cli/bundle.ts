/**
 * `npm run bundle -- export|verify|import …`: incident bundles from the command line; see
 * electron/cli/commands/bundle-command.ts (and docs/bundles.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundleCommand } from './commands/bundle-command';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

runBundleCommand(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  appVersion: packageVersion(),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bundle failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
