import { useClockStore } from '../../stores/clock';
import { ErrorNotice, EmptyState } from '../../ui';
import { useSources } from '../wall/data/queries';
import { SourceRow } from './SourceRow';

/**
 * `readOnly` (a replay): the sources as they were, without the columns that act on them. Rows are
 * table headers plus several cells with their own controls, so this stays a hand-laid table.
 */
export function SourcesTable({ readOnly = false }: { readOnly?: boolean }) {
  const health = useSources();
  const now = useClockStore((s) => s.now);
  const sources = health.data ?? [];
  if (sources.length === 0) return health.error ? <ErrorNotice error={health.error} /> : <EmptyState>No sources reported yet.</EmptyState>;
  return (
    <div className="data-table__wrap">
      <ErrorNotice error={health.error} />
      <table className="data-table sources-table">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">State</th>
            <th scope="col">{readOnly ? 'Last delivery' : 'Last success'}</th>
            <th scope="col">Last error</th>
            <th scope="col" className="num">Items</th>
            <th scope="col" title="how long ago the newest stored mention was published">Lag</th>
            <th scope="col">{readOnly ? 'Rate limit' : 'Next poll'}</th>
            {!readOnly && <th scope="col">Actions</th>}
            {!readOnly && <th scope="col">Demo episodes</th>}
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <SourceRow key={s.id} source={s} now={now} readOnly={readOnly} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
