/**
 * The wall's memory watchdog decides from heap samples whether to reload. A heap that is merely
 * large is fine; one that stays above the limit and keeps growing (every sample's floor rising)
 * is a leak, and a clean reload is better than a frozen wall at 3 a.m.
 */
export interface HeapSample {
  at: number;
  usedMb: number;
}

export interface WatchdogPolicy {
  limitMb: number;
  /** How many consecutive samples must be above the limit. */
  samplesOverLimit: number;
}

export const DEFAULT_WATCHDOG_POLICY: WatchdogPolicy = { limitMb: 768, samplesOverLimit: 5 };

/** True when the last `samplesOverLimit` samples are all above the limit and the heap did not shrink across them. */
export function shouldReload(samples: readonly HeapSample[], policy: WatchdogPolicy = DEFAULT_WATCHDOG_POLICY): boolean {
  const n = policy.samplesOverLimit;
  if (samples.length < n) return false;
  const recent = samples.slice(-n);
  if (!recent.every((s) => s.usedMb > policy.limitMb)) return false;
  const first = recent[0]!;
  const last = recent[recent.length - 1]!;
  return last.usedMb >= first.usedMb;
}

/** The limit for a heap whose hard ceiling is `jsHeapSizeLimitMb`: at most 60% of it. */
export function watchdogLimitMb(jsHeapSizeLimitMb: number | null, configuredMb: number | null): number {
  const ceiling = jsHeapSizeLimitMb !== null && jsHeapSizeLimitMb > 0 ? jsHeapSizeLimitMb * 0.6 : Infinity;
  return Math.min(configuredMb ?? DEFAULT_WATCHDOG_POLICY.limitMb, ceiling);
}
