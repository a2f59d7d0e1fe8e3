import { sourceFreshness } from '@shared/logic/freshness';
import { useClockStore } from '../../stores/clock';
import { DataTable, EmptyState, ErrorNotice } from '../../ui';
import { useSources } from '../wall/data/queries';
import { sourceColumns, sourceRowData } from './source-columns';

/** `readOnly` (a replay): the sources as they were, without the columns that act on them. */
export function SourcesTable({ readOnly = false }: { readOnly?: boolean }) {
  const health = useSources();
  const now = useClockStore((s) => s.now);
  const sources = health.data ?? [];
  if (sources.length === 0) return health.error ? <ErrorNotice error={health.error} /> : <EmptyState>No sources reported yet.</EmptyState>;
  return (
    <>
      <ErrorNotice error={health.error} />
      <DataTable
        className="sources-table"
        rows={sources}
        rowKey={(s) => s.id}
        rowHeader
        rowTestId={() => 'source-row'}
        rowData={(s) => sourceRowData(s, now)}
        rowClassName={(s) => `sources-table__row sources-table__row--${sourceFreshness(s, now)}`}
        columns={sourceColumns(now, readOnly)}
      />
    </>
  );
}
