/**
 * Whether the data folder's disk can take more writes. A write that failed with "disk full"
 * (SQLITE_FULL, ENOSPC, EDQUOT) marks it full until a later write succeeds; free space under a
 * floor is reported before that happens. Health shows either as "degraded" with the reason, and
 * the webhook receiver answers 503 with Retry-After so senders keep their events and retry.
 */
import { statfsSync } from 'node:fs';
import { isDiskFull } from '../base/private-files';

/** Below this much free space the hub warns before writes start failing. */
export const LOW_DISK_BYTES = 64 * 1024 * 1024;

export class DiskStatus {
  private fullSince: number | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
    private readonly freeBytes: () => number | null = () => freeSpace(dataDir),
  ) {}

  /** Records a failed write; returns whether it failed because the disk is full. */
  noteFailure(error: unknown): boolean {
    if (!isDiskFull(error)) return false;
    this.fullSince ??= this.now();
    return true;
  }

  noteWritten(): void {
    this.fullSince = null;
  }

  get full(): boolean {
    return this.fullSince !== null;
  }

  /** Why the data folder's disk makes the hub degraded, or null when it does not. */
  problem(): string | null {
    if (this.fullSince !== null)
      return `the disk holding ${this.dataDir} is full: new mentions and changes cannot be stored (since ${new Date(this.fullSince).toISOString()}); free some space`;
    const free = this.freeBytes();
    if (free !== null && free < LOW_DISK_BYTES)
      return `the disk holding ${this.dataDir} is almost full (${Math.floor(free / (1024 * 1024))} MB free); free some space before writes fail`;
    return null;
  }
}

function freeSpace(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}
