import { describe, expect, it } from 'vitest';
import { reconnectDelayMs, RECONNECT_MAX_MS } from '@shared/logic/backoff';

const middle = () => 0.5;

describe('reconnectDelayMs', () => {
  it('starts at half a second and doubles', () => {
    expect([0, 1, 2, 3, 4].map((a) => reconnectDelayMs(a, middle))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('caps at ten seconds, even with jitter upwards and huge attempt numbers', () => {
    expect(reconnectDelayMs(5, middle)).toBe(RECONNECT_MAX_MS);
    expect(reconnectDelayMs(1000, () => 0.999)).toBe(RECONNECT_MAX_MS);
  });

  it('jitters within ±20%', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(400);
    expect(reconnectDelayMs(0, () => 0.999999)).toBe(600);
    expect(reconnectDelayMs(5, () => 0)).toBe(8000);
  });

  it('treats a negative attempt as the first', () => {
    expect(reconnectDelayMs(-3, middle)).toBe(500);
  });
});
