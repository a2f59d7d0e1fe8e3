/**
 * Layouts (`#/layouts`, console): every wall layout, built-in or saved; duplicate, rename, delete,
 * export and import JSON files; and the grid editor for saved ones.
 */
import { useState } from 'react';
import type { StoredLayout } from '@shared/contract/wall-schema';
import { useClient } from '../../lib/client-context';
import { downloadText } from '../../lib/download';
import { useAction } from '../../data/use-action';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { useLive } from '../../data/use-live';
import { Button, DataTable, ErrorNotice } from '../../ui';
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
  const [renaming, setRenaming] = useState<string | null>(null);
  const action = useAction<string>();
  const list = layouts.data ?? [];
  const current = list.find((l) => l.id === editing) ?? null;

  const exportLayout = (id: string) =>
    action.run(async () => {
      const { json, fileName } = await client.call('walls.layouts.export', { id });
      downloadText(fileName, json, 'application/json');
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
          {action.result && (
            <span className="layouts__ok" data-testid="layout-action-result">
              {action.result}
            </span>
          )}
          <ErrorNotice error={action.error ?? layouts.error} testId="layout-action-error" />
        </div>
        <DataTable
          className="layouts__table"
          rows={list}
          rowKey={(l) => l.id}
          rowTestId={() => 'layout-row'}
          rowData={(l) => ({ 'data-layout-id': l.id, 'data-builtin': String(l.builtin), 'aria-selected': String(l.id === editing) })}
          empty={layouts.data ? 'No layouts.' : undefined}
          columns={[
            {
              key: 'name',
              header: 'Name',
              cell: (layout) =>
                renaming === layout.id ? (
                  <RenameForm
                    initial={layout.doc.name}
                    onDone={(name) => {
                      setRenaming(null);
                      if (name) action.run(async () => `renamed to “${(await client.call('walls.layouts.rename', { id: layout.id, name })).layout.doc.name}”`);
                    }}
                  />
                ) : (
                  <>
                    <span className="layouts__name">{layout.doc.name}</span>
                    {layout.builtin && <span className="layouts__badge">built-in</span>}
                  </>
                ),
            },
            { key: 'grid', header: 'Grid', cell: (layout) => `${layout.doc.grid.columns}×${layout.doc.grid.rows}` },
            { key: 'widgets', header: 'Widgets', numeric: true, cell: (layout) => layout.doc.widgets.length },
            {
              key: 'actions',
              header: '',
              cell: (layout) => (
                <div className="layouts__actions">
                  <Button onClick={() => setEditing(layout.id)} data-testid="layout-edit">
                    {layout.builtin ? 'View' : 'Edit'}
                  </Button>
                  <Button
                    onClick={() =>
                      action.run(async () => {
                        const { layout: copy } = await client.call('walls.layouts.duplicate', { id: layout.id });
                        setEditing(copy.id);
                        return `duplicated as “${copy.doc.name}”`;
                      })
                    }
                    data-testid="layout-duplicate"
                  >
                    Duplicate
                  </Button>
                  <Button onClick={() => exportLayout(layout.id)} data-testid="layout-export">
                    Export
                  </Button>
                  {!layout.builtin && (
                    <>
                      <Button onClick={() => setRenaming(layout.id)} data-testid="layout-rename">
                        Rename
                      </Button>
                      <Button
                        variant="danger"
                        onClick={() =>
                          action.run(async () => {
                            await client.call('walls.layouts.delete', { id: layout.id });
                            if (editing === layout.id) setEditing(null);
                            return `deleted “${layout.doc.name}”`;
                          })
                        }
                        data-testid="layout-delete"
                      >
                        Delete
                      </Button>
                    </>
                  )}
                </div>
              ),
            },
          ]}
        />
      </section>
      {current && <LayoutEditor key={`${current.id}:${current.updatedAt}`} layout={current} />}
    </ConsoleFrame>
  );
}

/** Renaming in place; `onDone(null)` when nothing usable was typed. */
function RenameForm({ initial, onDone }: { initial: string; onDone(name: string | null): void }) {
  const [name, setName] = useState(initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onDone(name.trim() || null);
      }}
    >
      <input value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-testid="layout-rename-input" aria-label="New name" autoFocus />
      <Button type="submit" variant="primary" data-testid="layout-rename-save">
        Save
      </Button>
    </form>
  );
}
