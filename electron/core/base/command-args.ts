/**
 * The command-line shape every Earshot command shares: one file and `--name value` (or
 * `--name=value`) options from a known list. Errors are sentences for the user; 'help' means
 * --help or -h was asked for.
 */
export type CommandArgs = { ok: true; file: string; options: Map<string, string> } | { ok: false; error: string };

export function parseCommandArgs(argv: readonly string[], known: readonly string[], what: { missingFile: string }): CommandArgs {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { ok: false, error: 'help' };
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (!known.includes(name)) return { ok: false, error: `unknown option --${name}` };
    if (value === undefined) return { ok: false, error: `--${name} needs a value` };
    options.set(name, value);
  }
  if (positional.length !== 1) return { ok: false, error: positional.length === 0 ? what.missingFile : `one file at a time (got ${positional.join(', ')})` };
  return { ok: true, file: positional[0]!, options };
}
