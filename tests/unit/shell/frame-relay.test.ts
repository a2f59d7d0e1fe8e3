import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '@shared/contract/frames';
import { fitsFrameLimit } from '../../../electron/preload/frame-limit';
import { FrameRelay } from '../../../electron/preload/frame-relay';

/** A relay whose flushes run when the test says so. */
function manualRelay(maxHeld = 1000) {
  const tasks: (() => void)[] = [];
  const warnings: string[] = [];
  const relay = new FrameRelay(
    maxHeld,
    (task) => tasks.push(task),
    (message) => warnings.push(message),
  );
  const runTasks = () => tasks.splice(0).forEach((task) => task());
  return { relay, runTasks, warnings };
}

describe('FrameRelay (preload)', () => {
  it('holds frames until the first listener attaches, then delivers them in order', () => {
    const { relay, runTasks } = manualRelay();
    relay.push('hello');
    relay.push('res-1');
    const got: string[] = [];
    relay.onFrame((frame) => got.push(frame));
    expect(got).toEqual([]);
    runTasks();
    relay.push('evt');
    expect(got).toEqual(['hello', 'res-1', 'evt']);
  });

  it('flushes after the caller finished wiring, to every listener attached by then', () => {
    const { relay, runTasks } = manualRelay();
    relay.push('hello');
    const a: string[] = [];
    const b: string[] = [];
    relay.onFrame((frame) => a.push(frame));
    relay.onFrame((frame) => b.push(frame));
    runTasks();
    expect(a).toEqual(['hello']);
    expect(b).toEqual(['hello']);
  });

  it('keeps holding when the listener left before the flush (React StrictMode)', () => {
    const { relay, runTasks } = manualRelay();
    relay.push('hello');
    relay.onFrame(() => undefined)();
    runTasks();
    const got: string[] = [];
    relay.onFrame((frame) => got.push(frame));
    runTasks();
    expect(got).toEqual(['hello']);
  });

  it('bounds what it holds', () => {
    const { relay, runTasks, warnings } = manualRelay(2);
    relay.push('1');
    relay.push('2');
    relay.push('3');
    const got: string[] = [];
    relay.onFrame((frame) => got.push(frame));
    runTasks();
    expect(got).toEqual(['1', '2']);
    expect(warnings).toHaveLength(1);
  });

  it('stops delivering to a listener that unsubscribed, and survives one that throws', () => {
    const { relay, runTasks } = manualRelay();
    const got: string[] = [];
    relay.onFrame(() => {
      throw new Error('boom');
    });
    const off = relay.onFrame((frame) => got.push(frame));
    runTasks();
    relay.push('a');
    off();
    relay.push('b');
    expect(got).toEqual(['a']);
  });

  it('flushes on a real microtask by default', async () => {
    const relay = new FrameRelay();
    relay.push('hello');
    const got: string[] = [];
    relay.onFrame((frame) => got.push(frame));
    await Promise.resolve();
    expect(got).toEqual(['hello']);
  });
});

describe('frame limit (preload)', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(fitsFrameLimit('x'.repeat(MAX_FRAME_BYTES))).toBe(true);
    expect(fitsFrameLimit('x'.repeat(MAX_FRAME_BYTES + 1))).toBe(false);
    expect(fitsFrameLimit('é'.repeat(MAX_FRAME_BYTES / 2))).toBe(true);
    expect(fitsFrameLimit('é'.repeat(MAX_FRAME_BYTES / 2 + 1))).toBe(false);
    expect(fitsFrameLimit('€'.repeat(10), 30)).toBe(true);
    expect(fitsFrameLimit('€'.repeat(11), 30)).toBe(false);
  });
});
