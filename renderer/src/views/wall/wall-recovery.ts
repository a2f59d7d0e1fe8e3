/**
 * 24/7 helpers for a wall: resync after the machine slept (the timers stop, so wall time jumps),
 * after the tab was hidden, and the memory watchdog that reloads a leaking page cleanly.
 */
import { useEffect } from 'react';
import type { RpcClient } from '@shared/rpc/client';
import { shouldReload, watchdogLimitMb, type HeapSample } from '@shared/logic/walls/memory-watchdog';
import { RESYNC_EVENT } from '../../data/use-live';

const CHECK_EVERY_MS = 5_000;
/** A check that comes this late means the machine slept or the page was frozen. */
const JUMP_MS = 20_000;

export function useResyncOnWake(): void {
  useEffect(() => {
    let last = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      if (now - last > JUMP_MS) window.dispatchEvent(new Event(RESYNC_EVENT));
      last = now;
    }, CHECK_EVERY_MS);
    const visible = () => {
      if (document.visibilityState === 'visible') window.dispatchEvent(new Event(RESYNC_EVENT));
    };
    document.addEventListener('visibilitychange', visible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', visible);
    };
  }, []);
}

interface ChromiumMemory {
  usedJSHeapSize: number;
  jsHeapSizeLimit: number;
}

function heap(): ChromiumMemory | null {
  const memory = (performance as Performance & { memory?: ChromiumMemory }).memory;
  return memory && typeof memory.usedJSHeapSize === 'number' ? memory : null;
}

const MB = 1024 * 1024;

/**
 * Samples the JS heap (Chromium's `performance.memory`) every `everyMs`. When it stays past the
 * limit and keeps growing, it tells the core (which logs it) and reloads the page.
 */
export function useMemoryWatchdog(client: RpcClient, displayId: string | null, view: string, configuredMb: number | null, everyMs = 60_000): void {
  useEffect(() => {
    if (!heap()) return;
    const startedAt = Date.now();
    const samples: HeapSample[] = [];
    let reloading = false;
    const timer = setInterval(() => {
      const memory = heap();
      if (!memory || reloading) return;
      samples.push({ at: Date.now(), usedMb: memory.usedJSHeapSize / MB });
      if (samples.length > 30) samples.shift();
      const limitMb = watchdogLimitMb(memory.jsHeapSizeLimit / MB, configuredMb);
      if (!shouldReload(samples, { limitMb, samplesOverLimit: 5 })) return;
      reloading = true;
      const last = samples[samples.length - 1]!;
      const report = client.call('walls.watchdog.report', {
        displayId,
        view,
        heapUsedMb: last.usedMb,
        limitMb,
        uptimeMinutes: (Date.now() - startedAt) / 60_000,
      });
      // Reload whether or not the core heard it: a wall that cannot log must still recover.
      void report.catch(() => undefined).finally(() => window.location.reload());
    }, everyMs);
    return () => clearInterval(timer);
  }, [client, displayId, view, configuredMb, everyMs]);
}
