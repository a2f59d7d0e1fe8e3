/**
 * Small helpers shared by the core tests: temporary data folders (real SQLite files, removed
 * afterwards), a polling wait for asynchronous conditions, and plain mention inputs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import type { SourceKind } from '@shared/domain/source';
import type { Store } from '../../electron/core/store/store';

/** Call at the top level of a test file; returns a maker of temp folders removed after each test. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-'));
    dirs.push(dir);
    return dir;
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 20 ms until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | null | undefined | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export function mentionInput(externalId: string, patch: Partial<MentionInput> = {}): MentionInput {
  return {
    externalId,
    platform: 'x',
    text: `plain post ${externalId}`,
    publishedAt: Date.now() - 1_000,
    url: null,
    lang: 'en',
    authorHandle: `author_${externalId}`,
    authorName: null,
    authorFollowers: 100,
    authorVerified: false,
    likes: 0,
    reposts: 0,
    replies: 0,
    replyTo: null,
    episode: null,
    ...patch,
  };
}

export function createSource(store: Store, id: string, options: { kind?: SourceKind; intervalMs?: number; enabled?: boolean; config?: string } = {}): void {
  store.sources.create({
    id,
    kind: options.kind ?? 'demo',
    name: `Test source ${id}`,
    config: options.config ?? '{}',
    enabled: options.enabled ?? true,
    intervalMs: options.intervalMs ?? 1_000,
    createdAt: Date.now(),
  });
}

/** `SELECT COUNT(*)` of one table, optionally filtered. */
export function countRows(store: Store, table: string, where = '1', ...params: unknown[]): number {
  return store.db
    .prepare(`SELECT COUNT(*) FROM ${table} WHERE ${where}`)
    .pluck()
    .get(...params) as number;
}
