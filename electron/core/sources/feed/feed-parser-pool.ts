/**
 * Feed parsing off the core's thread: each document is parsed in a worker_threads worker with V8
 * heap limits and a deadline, at most a few at a time. A document that needs more memory or time
 * than allowed ends its worker and becomes a plain source error; the core's own heap and event
 * loop never see it. The cheap bounds check (parse-feed.ts) runs first, in the core, so an
 * obviously oversized document costs no worker at all.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkFeedBounds, FEED_LIMITS, FeedFormatError, type FeedLimits, type ParsedFeed } from './parse-feed';

export interface FeedParseOptions {
  /** V8 old-generation heap of a parse worker (MB). */
  maxHeapMb: number;
  /** A parse that takes longer is stopped. */
  timeoutMs: number;
  /** Parses running at once; the rest wait their turn. */
  concurrency: number;
  limits: FeedLimits;
}

export const FEED_PARSE_DEFAULTS: FeedParseOptions = { maxHeapMb: 96, timeoutMs: 15_000, concurrency: 2, limits: FEED_LIMITS };

/**
 * Where the worker's code is: next to this module when built (out/main); under the TypeScript
 * source (tests, the command-line tools run with tsx), the source itself, loaded through tsx.
 */
function workerEntry(): { file: string; eval: boolean } {
  if (__filename.endsWith('.ts')) {
    const source = join(__dirname, 'feed-parse-worker.ts');
    return { file: `require('tsx/cjs/api').register();\nrequire(${JSON.stringify(source)});`, eval: true };
  }
  for (const dir of [__dirname, join(__dirname, '..')]) {
    const file = join(dir, 'feed-parse-worker.js');
    if (existsSync(file)) return { file, eval: false };
  }
  throw new Error(`the feed parser (feed-parse-worker.js) is missing next to ${__dirname}; rebuild the app`);
}

let running = 0;
const waiting: Array<() => void> = [];

async function slot(concurrency: number): Promise<() => void> {
  if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** Parses a feed in a bounded worker; throws FeedFormatError for unreadable or oversized documents. */
export async function parseFeedBounded(text: string, url: string, contentType: string, options: Partial<FeedParseOptions> = {}): Promise<ParsedFeed> {
  const o = { ...FEED_PARSE_DEFAULTS, ...options };
  checkFeedBounds(text.replace(/^\uFEFF/, '').trimStart(), o.limits);
  const release = await slot(o.concurrency);
  try {
    return await runWorker(text, url, contentType, o);
  } finally {
    release();
  }
}

function runWorker(text: string, url: string, contentType: string, o: FeedParseOptions): Promise<ParsedFeed> {
  const entry = workerEntry();
  return new Promise<ParsedFeed>((resolve, reject) => {
    const worker = new Worker(entry.file, {
      workerData: { text, url, contentType, limits: o.limits },
      eval: entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: o.maxHeapMb, maxYoungGenerationSizeMb: Math.max(8, Math.round(o.maxHeapMb / 6)), stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new FeedFormatError(`reading it took longer than ${Math.round(o.timeoutMs / 1000)} s and was stopped`))),
      o.timeoutMs,
    );
    worker.once('message', (message: { ok: true; feed: ParsedFeed } | { ok: false; formatError: boolean; message: string }) => {
      finish(() => {
        if (message.ok) resolve(message.feed);
        else reject(message.formatError ? new FeedFormatError(message.message) : new Error(message.message));
      });
    });
    worker.once('error', (error: Error & { code?: string }) => {
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new FeedFormatError(`reading it needed more than the ${o.maxHeapMb} MB allowed and was stopped (a document built to exhaust memory?)`)
            : error,
        ),
      );
    });
    worker.once('exit', (code) => finish(() => reject(new Error(`the feed parser stopped unexpectedly (exit code ${code})`))));
  });
}
