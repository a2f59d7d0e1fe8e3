/**
 * The worker side of bounded feed parsing (see feed-parser-pool.ts): parses one document handed in
 * as workerData and posts the result back. Runs with V8 heap limits, so a runaway document ends
 * this thread, never the core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FeedFormatError, parseFeed, type FeedLimits } from './parse-feed';

interface Job {
  text: string;
  url: string;
  contentType: string;
  limits: FeedLimits;
}

const job = workerData as Job;
try {
  parentPort?.postMessage({ ok: true, feed: parseFeed(job.text, job.url, job.contentType, job.limits) });
} catch (error) {
  parentPort?.postMessage({ ok: false, formatError: error instanceof FeedFormatError, message: error instanceof Error ? error.message : String(error) });
}
