// Seeded, so a demo run is reproducible from its seed and cursor (tests and screenshots see the
// same stream) while still looking natural.
export { mulberry32 } from '@shared/logic/seeded-random';

/** A stable 32-bit hash of several numbers, to derive a sub-seed per time window. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const value = Math.floor(part) >>> 0;
    for (let shift = 0; shift < 32; shift += 8) {
      h ^= (value >>> shift) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    const high = Math.floor(part / 4294967296) >>> 0;
    h ^= high;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Arrival times of a Poisson process of `perMs` events per ms over [from, to). */
export function poissonArrivals(random: () => number, from: number, to: number, perMs: number): number[] {
  const out: number[] = [];
  if (perMs <= 0) return out;
  let t = from;
  for (;;) {
    t += -Math.log(1 - random()) / perMs;
    if (t >= to) return out;
    out.push(t);
  }
}
