/** The shell's log: one line per event on stdout/stderr, fields as JSON (never frame contents). */
import type { Logger } from '../core/base/logger';

function line(level: string, message: string, fields?: Record<string, unknown>): string {
  const extra = fields && Object.keys(fields).length > 0 ? ' ' + JSON.stringify(fields) : '';
  return `${new Date().toISOString()} ${level} [shell] ${message}${extra}`;
}

export const log: Logger = {
  info: (message, fields) => console.log(line('info', message, fields)),
  warn: (message, fields) => console.warn(line('warn', message, fields)),
  error: (message, fields) => console.error(line('error', message, fields)),
};

/** Drops repeats of the same message within a window, so a misbehaving page cannot flood the log. */
export function throttled(logger: Logger, windowMs = 10_000): Logger['warn'] {
  const lastAt = new Map<string, number>();
  return (message, fields) => {
    const now = Date.now();
    if (now - (lastAt.get(message) ?? -Infinity) < windowMs) return;
    lastAt.set(message, now);
    logger.warn(message, fields);
  };
}
