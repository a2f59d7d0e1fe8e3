import { useClockStore } from '../../stores/clock';
import { useSources } from '../../data/alerts-and-sources';
import { SourceRow } from './SourceRow';

/** `readOnly` (a replay): the sources as they were, without the columns that act on them. */
export function SourcesTable({ readOnly = false }: { readOnly?: boolean }) {
  const sources = useSources().data ?? [];
  const now = useClockStore((s) => s.now);
  if (sources.length === 0) return <p className="console__empty">No sources reported yet.</p>;
  return (
    <div className="console__table-wrap">
      <table className="sources-table">
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
