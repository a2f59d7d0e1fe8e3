import { describe, expect, it } from 'vitest';
import { StreamBuffer } from '../../../../electron/core/sources/streams/stream-buffer';

describe('StreamBuffer', () => {
  it('hands out items in order with the cursor up to which everything was handled', () => {
    const buffer = new StreamBuffer<string>(10, 100);
    expect(buffer.drain(5)).toEqual({ items: [], position: 100, more: false }); // nothing read: the committed start
    buffer.skip(101);
    buffer.offer(102, 'a');
    buffer.skip(103);
    buffer.offer(104, 'b');
    buffer.offer(106, 'c');
    buffer.skip(107);
    // 'c' still waits, so only what precedes it is handled.
    expect(buffer.drain(2)).toEqual({ items: ['a', 'b'], position: 105, more: true });
    expect(buffer.drain(2)).toEqual({ items: ['c'], position: 107, more: false });
    expect(buffer.position).toBe(107);
  });

  it('refuses items when full without moving the read position, so they are read again', () => {
    const buffer = new StreamBuffer<string>(2);
    expect(buffer.offer(1, 'a')).toBe(true);
    expect(buffer.offer(2, 'b')).toBe(true);
    expect(buffer.full).toBe(true);
    expect(buffer.offer(3, 'c')).toBe(false);
    expect(buffer.position).toBe(2);
    expect(buffer.drain(10)).toEqual({ items: ['a', 'b'], position: 2, more: false });
    expect(buffer.offer(3, 'c')).toBe(true);
  });

  it('never moves the read position back for replayed events, and keeps the cursor before the oldest waiting item', () => {
    const buffer = new StreamBuffer<string>(10, 50);
    buffer.offer(60, 'new');
    buffer.offer(55, 'replayed-late'); // a reconnection's rewind can deliver older events after newer ones
    expect(buffer.position).toBe(60);
    expect(buffer.drain(1)).toEqual({ items: ['new'], position: 54, more: true });
    expect(buffer.drain(1)).toEqual({ items: ['replayed-late'], position: 60, more: false });
  });

  it('keeps order and positions right over many fill-and-drain rounds (its storage is compacted as it drains)', () => {
    const buffer = new StreamBuffer<number>(5_000);
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 2_000; i++) buffer.offer(round * 2_000 + i + 1, i);
      expect(buffer.drain(2_000).items).toHaveLength(2_000);
      expect(buffer.size).toBe(0);
    }
    expect(buffer.position).toBe(100_000);
  });
});
