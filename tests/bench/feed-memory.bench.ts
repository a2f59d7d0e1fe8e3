/**
 * `npm run bench:feed-memory`: what a hostile feed costs the core, before and after bounded parsing.
 * The document is the one the probe used: 10 MB of `&amp;` in one RSS description, parsed once and
 * eight at a time. A second document splits the same 10 MB over 25 descriptions of 400 kB, which
 * passes the pre-parse scan, to show the worker's heap limit at work.
 *
 * Each scenario runs in its own child process, which reports its peak resident memory (VmHWM:
 * the main thread and any workers) and the longest stall of its event loop (how long the core
 * could not answer anything). "before" is the earlier path: the same parser, unbounded, on the
 * core's own thread, measured in this run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseFeedBounded } from '../../electron/core/sources/feed/feed-parser-pool';
import { parseFeed, type FeedLimits } from '../../electron/core/sources/feed/parse-feed';

const UNBOUNDED: FeedLimits = { maxNodes: Infinity, maxTextNodeChars: Infinity, maxEntries: Infinity };
const URL_ = 'https://feed.example/rss';
const TYPE = 'application/rss+xml';

function feed(items: number, nodeKb: number, tag: string): string {
  const body = '&amp;'.repeat(Math.floor((nodeKb * 1024) / 5));
  const entries = Array.from({ length: items }, (_, i) => `<item><guid>${tag}-${i}</guid><title>t${i}</title><description>${body}</description></item>`).join(
    '',
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>amp</title><link>https://feed.example/</link>${entries}</channel></rss>`;
}

/** Eight distinct strings, as eight responses would be (one shared string would flatter the figures). */
function documents(count: number, split: boolean): string[] {
  // Built before measuring starts: the server's work, not the core's.
  return Array.from({ length: count }, (_, i) => (split ? feed(25, 400, `d${i}`) : feed(1, 10 * 1024 - 1, `d${i}`)));
}

async function scenario(name: string, texts: string[]): Promise<{ outcome: string }> {
  const path = name.split(':')[0] as 'before' | 'after';
  if (path === 'before') {
    // The earlier feed source: each fetched document parsed on the core's thread as it arrived.
    const results = await Promise.all(texts.map(async (t) => parseFeed(t, URL_, TYPE, UNBOUNDED)));
    return { outcome: `parsed ${results.length} (${results[0]!.entries.length} entries each)` };
  }
  const settled = await Promise.allSettled(texts.map((t) => parseFeedBounded(t, URL_, TYPE)));
  const refused = settled.filter((s) => s.status === 'rejected') as PromiseRejectedResult[];
  return {
    outcome:
      refused.length === 0
        ? `parsed ${settled.length}`
        : `refused ${refused.length}/${settled.length}: ${String((refused[0]!.reason as Error).message).slice(0, 90)}`,
  };
}

function peakRssMb(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return line ? Math.round(Number(/(\d+)/.exec(line)![1]) / 1024) : Math.round(process.memoryUsage().rss / (1024 * 1024));
}

async function child(name: string): Promise<void> {
  const [, count, shape] = name.split(':') as [string, string, 'one-node' | 'split'];
  const texts = documents(Number(count), shape === 'split');
  const baseline = peakRssMb();
  // The longest gap between ticks of a 5 ms timer: how long the core could answer nothing.
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const at = performance.now();
    longest = Math.max(longest, at - last);
    last = at;
  }, 5);
  await new Promise((resolve) => setTimeout(resolve, 30));
  const started = Date.now();
  const { outcome } = await scenario(name, texts);
  const ms = Date.now() - started;
  // One more turn of the loop, so a stall that lasted until now is counted.
  await new Promise((resolve) => setTimeout(resolve, 30));
  clearInterval(ticker);
  process.stdout.write(JSON.stringify({ name, baseline, peak: peakRssMb(), stallMs: Math.round(longest), ms, outcome }) + '\n');
}

function runChild(name: string): { name: string; baseline: number; peak: number; stallMs: number; ms: number; outcome: string } {
  const out = execFileSync(process.execPath, [...process.execArgv, __filename, '--child', name], { encoding: 'utf8', maxBuffer: 1 << 20, env: process.env });
  return JSON.parse(out.trim().split('\n').pop()!) as ReturnType<typeof runChild>;
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) return child(process.argv[childAt + 1]!);
  console.log('Hostile feed memory (10 MB of &amp;); each row is a fresh process. Peak = VmHWM, stall = longest event-loop delay.\n');
  const names = [
    'before:1:one-node',
    'after:1:one-node',
    'before:8:one-node',
    'after:8:one-node',
    'before:1:split',
    'after:1:split',
    'before:8:split',
    'after:8:split',
  ];
  const rows = names.map((n) => runChild(n));
  const pad = (s: string | number, w: number) => String(s).padEnd(w);
  console.log(`${pad('scenario', 20)}${pad('peak MB', 9)}${pad('(docs)', 9)}${pad('stall ms', 10)}${pad('time ms', 9)}outcome`);
  for (const r of rows) console.log(`${pad(r.name, 20)}${pad(r.peak, 9)}${pad(r.baseline, 9)}${pad(r.stallMs, 10)}${pad(r.ms, 9)}${r.outcome}`);
  console.log('');
  for (const shape of ['1:one-node', '8:one-node', '1:split', '8:split']) {
    const before = rows.find((r) => r.name === `before:${shape}`)!;
    const after = rows.find((r) => r.name === `after:${shape}`)!;
    console.log(
      `${pad(shape, 12)} peak ${before.peak} MB → ${after.peak} MB (×${(after.peak / before.peak).toFixed(2)}); longest stall ${before.stallMs} ms → ${after.stallMs} ms`,
    );
  }
}

void main();
