/**
 * `npm run detect -- FILE.csv --query "QUERY" [--background demo]`: see
 * electron/cli/commands/detect-command.ts (and docs/signals-stories-alerts.md).
 */
import { runDetectCommand } from './commands/detect-command';

runDetectCommand(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`detect failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
