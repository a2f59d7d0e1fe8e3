/** Builds the adapter for a stored source record. New source kinds register here. */
import type { SourceRecord } from '../store/queries/sources';
import { SourceConfigError, type SourceAdapter } from './adapter';
import { DemoSource } from './demo/demo-source';
import { ReplaySource } from './replay/replay-source';

export function createAdapter(record: SourceRecord): SourceAdapter {
  let json: string;
  try {
    json = JSON.stringify(JSON.parse(record.config));
  } catch {
    throw new SourceConfigError(`source ${record.id}: its stored settings are not valid JSON`);
  }
  switch (record.kind) {
    case 'demo':
      return DemoSource.fromJson(record.id, json);
    case 'replay':
      return ReplaySource.fromJson(record.id, json);
    default:
      throw new SourceConfigError(`source ${record.id}: unknown kind "${String(record.kind)}"`);
  }
}
