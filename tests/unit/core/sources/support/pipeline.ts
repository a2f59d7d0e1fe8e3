/**
 * Runs an adapter the way the app does, minus the timers: the adapter is built by the registry
 * from a stored source record, polled with the cursor stored in SQLite, and its items go through
 * the real ingest pipeline into a real database file, cursor in the same transaction.
 */
import type { Mention } from '@shared/domain/mention';
import type { SourceKind } from '@shared/domain/source';
import { createMemoryLogger } from '../../../../../electron/core/base/logger';
import { IngestPipeline, type IngestResult } from '../../../../../electron/core/pipeline/ingest';
import { createAdapter } from '../../../../../electron/core/sources/registry';
import { openStore, type Store } from '../../../../../electron/core/store/store';
import { createSource } from '../../../../support/core-helpers';
import { pollContext } from './fixture-server';

export interface PipelineRig {
  store: Store;
  /** Polls once with the stored cursor and ingests what came back. */
  pollOnce(): Promise<IngestResult>;
  /** Every stored mention of the source, oldest first. */
  stored(): Mention[];
  cursor(): string | null;
  close(): void;
}

export function pipelineRig(dataDir: string, sourceId: string, kind: SourceKind, config: object): PipelineRig {
  const store = openStore(dataDir);
  createSource(store, sourceId, { kind, config: JSON.stringify(config) });
  const pipeline = new IngestPipeline(store, createMemoryLogger());
  return {
    store,
    async pollOnce() {
      const record = store.sources.get(sourceId);
      if (!record) throw new Error(`source ${sourceId} is not stored`);
      const adapter = createAdapter(record);
      const result = await adapter.poll(pollContext(record.cursor));
      return pipeline.ingest(sourceId, result.items, result.cursor);
    },
    stored() {
      const ids = store.db.prepare('SELECT id FROM mentions WHERE source_id = ? ORDER BY published_at, id').pluck().all(sourceId) as number[];
      const byId = new Map(store.mentions.byIds(ids).map((m) => [m.id, m]));
      return ids.map((id) => byId.get(id)!);
    },
    cursor: () => store.sources.get(sourceId)?.cursor ?? null,
    close: () => store.close(),
  };
}
