/**
 * What the settings screen asks of the scheduler: start a new source at once, swap an edited one,
 * stop a deleted one (ignoring an answer still in flight), and release what adapters hold.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { redactText, Scheduler } from '../../../../electron/core/scheduler/scheduler';
import type { PollContext, PollResult, SourceAdapter } from '../../../../electron/core/sources/adapter';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { countRows, createSource, mentionInput, sleep, useTempDirs, waitFor } from '../../../support/core-helpers';

const tempDir = useTempDirs();

/** Delivers one mention per poll after `delayMs`, and counts closes like a stream would. */
class Closable implements SourceAdapter {
  polls = 0;
  closes = 0;
  constructor(
    private readonly tag: string,
    private readonly delayMs = 0,
  ) {}
  async poll(context: PollContext): Promise<PollResult> {
    this.polls++;
    if (this.delayMs > 0) await sleep(this.delayMs);
    return { items: [mentionInput(`${this.tag}-${this.polls}`, { publishedAt: context.now })], cursor: `${this.tag}-${this.polls}` };
  }
  close(): void {
    this.closes++;
  }
}

class Failing implements SourceAdapter {
  constructor(private readonly message: string) {}
  async poll(): Promise<PollResult> {
    throw new Error(this.message);
  }
}

let store: Store;
let scheduler: Scheduler;
let logger: ReturnType<typeof createMemoryLogger>;

beforeEach(() => {
  store = openStore(tempDir());
  logger = createMemoryLogger();
  scheduler = new Scheduler(store, new IngestPipeline(store, logger), logger, { pollTimeoutMs: 1_000 });
  scheduler.start();
});

afterEach(() => {
  scheduler.stop();
  store.close();
});

describe('scheduler lifecycle for source management', () => {
  it('polls a source added while running at once, and tells health listeners', async () => {
    let changes = 0;
    scheduler.onHealth(() => changes++);
    createSource(store, 'new', { intervalMs: 60_000 });
    const adapter = new Closable('n');
    scheduler.add(store.sources.get('new')!, adapter);
    expect(changes).toBeGreaterThan(0);
    await waitFor('the first poll', () => adapter.polls === 1);
    expect(scheduler.has('new')).toBe(true);
  });

  it('removes a source: no more polls, its in-flight answer is dropped, its adapter closed', async () => {
    createSource(store, 'slow', { intervalMs: 20 });
    const adapter = new Closable('s', 150);
    scheduler.add(store.sources.get('slow')!, adapter);
    await waitFor('a poll in flight', () => adapter.polls === 1);
    expect(scheduler.remove('slow')).toBe(true);
    expect(adapter.closes).toBe(1);
    await sleep(400);
    expect(adapter.polls).toBe(1);
    expect(countRows(store, 'mentions')).toBe(0);
    expect(scheduler.health().map((h) => h.id)).not.toContain('slow');
    expect(scheduler.remove('slow')).toBe(false);
  });

  it('replaces an edited source: the old adapter closes, the new one polls with the stored cursor', async () => {
    createSource(store, 'edit', { intervalMs: 30 });
    const before = new Closable('a');
    scheduler.add(store.sources.get('edit')!, before);
    await waitFor('two polls', () => before.polls >= 2);
    const after = new Closable('b');
    scheduler.replace(store.sources.get('edit')!, after);
    expect(before.closes).toBe(1);
    const pollsBefore = before.polls;
    await waitFor('the new adapter to poll', () => after.polls >= 2);
    expect(before.polls).toBe(pollsBefore);
    expect(scheduler.health().filter((h) => h.id === 'edit')).toHaveLength(1);
    // Its recent rate carries over: the source delivered, whatever its new settings.
    expect(scheduler.health().find((h) => h.id === 'edit')!.itemsPerMinute).toBeGreaterThanOrEqual(pollsBefore + 2);
  });

  it("closes a paused source's adapter and polls the same adapter again on resume", async () => {
    createSource(store, 'p', { intervalMs: 30 });
    const adapter = new Closable('p');
    scheduler.add(store.sources.get('p')!, adapter);
    await waitFor('a poll', () => adapter.polls >= 1);
    scheduler.setEnabled('p', false);
    expect(adapter.closes).toBe(1);
    const polls = adapter.polls;
    scheduler.setEnabled('p', true);
    await waitFor('polling again', () => adapter.polls > polls);
  });

  it('closes every adapter when the core stops', () => {
    const adapters = ['x', 'y'].map((id) => {
      createSource(store, id);
      const adapter = new Closable(id);
      scheduler.add(store.sources.get(id)!, adapter);
      return adapter;
    });
    scheduler.stop();
    expect(adapters.map((a) => a.closes)).toEqual([1, 1]);
  });

  it("blanks a source's secret values out of its errors and the log", async () => {
    const secret = 'sk-live-0123456789abcdef';
    createSource(store, 'leaky', { intervalMs: 60_000 });
    scheduler.add(store.sources.get('leaky')!, new Failing(`GET https://api.example/search?key=${secret} answered 403`), undefined, [secret]);
    const failed = await waitFor('the failure', () => scheduler.health().find((h) => h.id === 'leaky' && h.lastError));
    expect(failed.lastError).toBe('GET https://api.example/search?key=•••• answered 403');
    expect(store.sources.get('leaky')?.lastError).not.toContain(secret);
    expect(logger.lines.join('\n')).not.toContain(secret);
    expect(redactText('a b', ['ab'])).toBe('a b');
  });
});
