/** Where the core writes what it does; every part of it gets one from the composition root. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * One line per event on stderr, with fields as key=value, so a wall machine's log is greppable.
 * Callers pass messages and ids, never tokens or whole payloads.
 */
export function createConsoleLogger(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const extra = fields
      ? Object.entries(fields)
          .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`)
          .join('')
      : '';
    write(`${new Date().toISOString()} ${level} ${message}${extra}`);
  };
  return { info: log('INFO'), warn: log('WARN'), error: log('ERROR') };
}

/** For tests and benchmarks that must stay quiet but still exercise the logging calls. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createConsoleLogger((line) => lines.push(line));
  return { ...logger, lines };
}
