/**
 * Layouts (`#/layouts`, console): every wall layout, built-in or saved; duplicate, rename, delete,
 * export and import JSON files; and the grid editor for saved ones.
 */
import { useState } from 'react';
import type { StoredLayout } from '../../../../shared/contract/wall-schema';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { useLive } from '../../data/use-live';
import { LayoutEditor } from './LayoutEditor';
import './layouts.css';

export function LayoutsView() {
  const client = useClient();
  const layouts = useLive<StoredLayout[]>({
    key: 'layouts',
    load: async (c) => (await c.call('walls.layouts.list', {})).layouts,
    deltas: [{ topic: 'walls.layouts.changed', apply: (_c, payload) => payload.layouts }],
  });
  const [editing, setEditing] = useState<string | null>(null);
  const action = useAction<string>();
  const list = layouts.data ?? [];
  const current = list.find((l) => l.id === editing) ?? null;

  const exportLayout = (id: string) =>
    action.run(async () => {
      const { json, fileName } = await client.call('walls.layouts.export', { id });
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return `exported ${fileName}`;
    });

  const importFile = (file: File) =>
    action.run(async () => {
      const { layout } = await client.call('walls.layouts.import', { json: await file.text() });
      setEditing(layout.id);
      return `imported “${layout.doc.name}”`;
    });

  return (
    <ConsoleFrame current="layouts">
      <section className="console__section layouts">
        <h2>Wall layouts</h2>
        <div className="layouts__bar">
          <label className="layouts__import">
            Import a layout file…
            <input
              type="file"
              accept=".json,application/json"
              data-testid="layout-import"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) importFile(file);
                e.currentTarget.value = '';
              }}
            />
          </label>
          {action.pending && <span>working…</span>}
          {action.result && <span className="layouts__ok" data-testid="layout-action-result">{action.result}</span>}
          {action.error && (
            <span className="layouts__error" role="alert" data-testid="layout-action-error">
              {action.error}
            </span>
          )}
        </div>
        <table className="layouts__table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Grid</th>
              <th>Widgets</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((layout) => (
              <LayoutRow
                key={layout.id}
                layout={layout}
                editing={layout.id === editing}
                onEdit={() => setEditing(layout.id)}
                onExport={() => exportLayout(layout.id)}
                onDuplicate={() =>
                  action.run(async () => {
                    const { layout: copy } = await client.call('walls.layouts.duplicate', { id: layout.id });
                    setEditing(copy.id);
                    return `duplicated as “${copy.doc.name}”`;
                  })
                }
                onRename={(name) => action.run(async () => `renamed to “${(await client.call('walls.layouts.rename', { id: layout.id, name })).layout.doc.name}”`)}
                onDelete={() =>
                  action.run(async () => {
                    await client.call('walls.layouts.delete', { id: layout.id });
                    if (editing === layout.id) setEditing(null);
                    return `deleted “${layout.doc.name}”`;
                  })
                }
              />
            ))}
          </tbody>
        </table>
      </section>
      {current && <LayoutEditor key={`${current.id}:${current.updatedAt}`} layout={current} />}
    </ConsoleFrame>
  );
}

function LayoutRow(props: {
  layout: StoredLayout;
  editing: boolean;
  onEdit(): void;
  onExport(): void;
  onDuplicate(): void;
  onRename(name: string): void;
  onDelete(): void;
}) {
  const { layout } = props;
  const [name, setName] = useState<string | null>(null);
  return (
    <tr data-testid="layout-row" data-layout-id={layout.id} data-builtin={String(layout.builtin)} aria-selected={props.editing}>
      <td>
        {name === null ? (
          <>
            <span className="layouts__name">{layout.doc.name}</span>
            {layout.builtin && <span className="layouts__badge">built-in</span>}
          </>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) props.onRename(name.trim());
              setName(null);
            }}
          >
            <input value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-testid="layout-rename-input" aria-label="New name" autoFocus />
            <button type="submit" data-testid="layout-rename-save">Save</button>
          </form>
        )}
      </td>
      <td>
        {layout.doc.grid.columns}×{layout.doc.grid.rows}
      </td>
      <td>{layout.doc.widgets.length}</td>
      <td className="layouts__actions">
        <button type="button" onClick={props.onEdit} data-testid="layout-edit">{layout.builtin ? 'View' : 'Edit'}</button>
        <button type="button" onClick={props.onDuplicate} data-testid="layout-duplicate">Duplicate</button>
        <button type="button" onClick={props.onExport} data-testid="layout-export">Export</button>
        {!layout.builtin && (
          <>
            <button type="button" onClick={() => setName(layout.doc.name)} data-testid="layout-rename">Rename</button>
            <button type="button" onClick={props.onDelete} data-testid="layout-delete">Delete</button>
          </>
        )}
      </td>
    </tr>
  );
}
