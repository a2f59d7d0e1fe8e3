/** Builds the adapter for a stored source record. New source kinds register here. */
import type { SourceRecord } from '../store/queries/sources';
import { SourceConfigError, type SourceAdapter } from './adapter';
import { DemoSource } from './demo/demo-source';
import { ReplaySource } from './replay/replay-source';

export function createAdapter(record: SourceRecord): SourceAdapter {
  const json = record.config;
  switch (record.kind) {
    case 'demo':
      return DemoSource.fromJson(record.id, json);
    case 'replay':
      return ReplaySource.fromJson(record.id, json);
    default:
      throw new SourceConfigError(`source ${record.id}: unknown kind "${String(record.kind)}"`);
  }
}
