/**
 * Drives one adapter the way the scheduler does (poll with the committed cursor, then ingest the
 * items and the new cursor in one transaction), without the scheduler's timers, so a test can
 * step it and look at the store between polls.
 */
import { createMemoryLogger } from '../../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../../electron/core/pipeline/ingest';
import type { PollResult, SourceAdapter } from '../../../../../electron/core/sources/adapter';
import { openStore, type Store } from '../../../../../electron/core/store/store';
import { createSource, sleep } from '../../../../support/core-helpers';
import type { SourceKind } from '@shared/domain/source';
import { outboundFor } from '../../../../support/outbound';

export interface Rig {
  store: Store;
  pipeline: IngestPipeline;
  sourceId: string;
  /** One scheduler-style poll + ingest; returns the poll's result (or throws its error). */
  step(adapter: SourceAdapter): Promise<PollResult>;
  /** Steps until `done()` holds, retrying failed polls; fails after `timeoutMs`. */
  until(adapter: SourceAdapter, what: string, done: () => boolean, timeoutMs?: number): Promise<void>;
  externalIds(): string[];
  cursor(): string | null;
}

export function openRig(dataDir: string, sourceId: string, kind: SourceKind, config: unknown = {}): Rig {
  const store = openStore(dataDir);
  createSource(store, sourceId, { kind, config: JSON.stringify(config) });
  const pipeline = new IngestPipeline(store, createMemoryLogger());
  const rig: Rig = {
    store,
    pipeline,
    sourceId,
    async step(adapter) {
      const cursor = store.sources.get(sourceId)?.cursor ?? null;
      const result = await adapter.poll({ cursor, now: Date.now(), signal: new AbortController().signal, ...outboundFor() });
      pipeline.ingest(sourceId, result.items, result.cursor);
      return result;
    },
    async until(adapter, what, done, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        try {
          const result = await rig.step(adapter);
          if (!result.moreAvailable) await sleep(15);
        } catch {
          await sleep(30);
        }
      }
    },
    externalIds() {
      return store.db.prepare('SELECT external_id FROM mentions WHERE source_id = ? ORDER BY id').pluck().all(sourceId) as string[];
    },
    cursor() {
      return store.sources.get(sourceId)?.cursor ?? null;
    },
  };
  return rig;
}
