/**
 * `npm run import -- <file> --format csv|jsonl --map text=col,…`: see
 * electron/cli/commands/import-command.ts (and docs/listening.md, "Streams, webhooks and imports").
 */
import { runImportCommand } from './commands/import-command';

runImportCommand(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
