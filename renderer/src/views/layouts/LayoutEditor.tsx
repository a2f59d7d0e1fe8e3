/**
 * The grid editor: widgets as boxes on the layout's grid. Drag a box to move it, drag its corner to
 * resize; with the keyboard, focus a box and use the arrow keys to move, Shift+arrows to resize,
 * Delete to remove. Options are edited as JSON checked against the widget type's schema.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import {
  WIDGET_TYPES,
  wallLayoutDocSchema,
  widgetOptionSchemas,
  describeSchemaIssues,
  type StoredLayout,
  type WallLayoutDoc,
  type WidgetType,
} from '@shared/contract/wall-schema';
import { addWidget, cellAt, freeWidgetId, moveWidget, placeWidget, removeWidget, resizeWidget } from '@shared/logic/walls/grid-edit';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { WIDGETS } from '../wall/widget-registry';
import { Button, ErrorNotice, Options } from '../../ui';

interface Drag {
  id: string;
  mode: 'move' | 'resize';
  /** Cell offset of the pointer inside the widget when a move started. */
  offset: { col: number; row: number };
}

export function LayoutEditor({ layout }: { layout: StoredLayout }) {
  const client = useClient();
  const [doc, setDoc] = useState<WallLayoutDoc>(layout.doc);
  const [selected, setSelected] = useState<string | null>(layout.doc.widgets[0]?.id ?? null);
  const [newType, setNewType] = useState<WidgetType>('big-number');
  const [message, setMessage] = useState<string | null>(null);
  const drag = useRef<Drag | null>(null);
  const gridRef = useRef<HTMLDivElement | null>(null);
  const save = useAction<string>();
  const readOnly = layout.builtin;
  const dirty = JSON.stringify(doc) !== JSON.stringify(layout.doc);
  const check = wallLayoutDocSchema.safeParse(doc);

  const cell = (e: PointerEvent) => {
    const box = gridRef.current!.getBoundingClientRect();
    return cellAt(e.clientX - box.left, e.clientY - box.top, box, doc.grid);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>, id: string, mode: Drag['mode']) => {
    if (readOnly || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const widget = doc.widgets.find((w) => w.id === id)!;
    const at = cell(e);
    drag.current = { id, mode, offset: { col: at.col - widget.x, row: at.row - widget.y } };
    setSelected(id);
    gridRef.current?.setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const at = cell(e);
    setDoc((current) => {
      const widget = current.widgets.find((w) => w.id === d.id);
      if (!widget) return current;
      return d.mode === 'move'
        ? placeWidget(current, d.id, { x: at.col - d.offset.col, y: at.row - d.offset.row, w: widget.w, h: widget.h })
        : placeWidget(current, d.id, { x: widget.x, y: widget.y, w: at.col - widget.x + 1, h: at.row - widget.y + 1 });
    });
  };

  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (gridRef.current?.hasPointerCapture(e.pointerId)) gridRef.current.releasePointerCapture(e.pointerId);
  };

  const onKey = (e: KeyboardEvent, id: string) => {
    if (readOnly) return;
    const step: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const d = step[e.key];
    if (d) {
      e.preventDefault();
      setDoc((current) => (e.shiftKey ? resizeWidget(current, id, d[0], d[1]) : moveWidget(current, id, d[0], d[1])));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      setDoc((current) => removeWidget(current, id));
      setSelected(null);
    }
  };

  const add = () => {
    const def = WIDGETS[newType];
    const next = addWidget(
      doc,
      { id: freeWidgetId(doc, newType), type: newType, options: widgetOptionSchemas[newType].parse({}) } as Parameters<typeof addWidget>[1],
      def.defaultSize,
    );
    if (!next) {
      setMessage('no free cell left: make the grid larger or a widget smaller');
      return;
    }
    setMessage(null);
    setDoc(next);
    setSelected(next.widgets[next.widgets.length - 1]!.id);
  };

  const widget = doc.widgets.find((w) => w.id === selected) ?? null;

  return (
    <section className="console__section editor" data-testid="layout-editor" data-layout-id={layout.id}>
      <h2>
        {readOnly ? 'Viewing' : 'Editing'} “{doc.name}”
      </h2>
      {readOnly && <p className="editor__note">Built-in layouts cannot be changed. Duplicate this one to make your own version.</p>}
      {!readOnly && (
        <div className="editor__bar">
          <label>
            Name <input value={doc.name} maxLength={80} onChange={(e) => setDoc({ ...doc, name: e.target.value })} data-testid="editor-name" />
          </label>
          <label>
            Columns{' '}
            <input
              type="number"
              min={1}
              max={24}
              value={doc.grid.columns}
              onChange={(e) => setDoc({ ...doc, grid: { ...doc.grid, columns: Number(e.target.value) || 1 } })}
              data-testid="editor-columns"
            />
          </label>
          <label>
            Rows{' '}
            <input
              type="number"
              min={1}
              max={24}
              value={doc.grid.rows}
              onChange={(e) => setDoc({ ...doc, grid: { ...doc.grid, rows: Number(e.target.value) || 1 } })}
              data-testid="editor-rows"
            />
          </label>
          <label>
            Add{' '}
            <select value={newType} onChange={(e) => setNewType(e.target.value as WidgetType)} data-testid="editor-new-type">
              <Options items={WIDGET_TYPES} value={(t) => t} label={(t) => WIDGETS[t].label} />
            </select>
          </label>
          <Button onClick={add} data-testid="editor-add">
            Add widget
          </Button>
          <Button
            variant="primary"
            disabled={!dirty || !check.success || save.pending}
            data-testid="editor-save"
            onClick={() => save.run(async () => (await client.call('walls.layouts.save', { id: layout.id, doc }), 'saved'))}
          >
            Save
          </Button>
          <Button disabled={!dirty} onClick={() => setDoc(layout.doc)}>
            Revert
          </Button>
          <ErrorNotice error={save.error} />
          {message && <span className="layouts__error">{message}</span>}
          {!check.success && (
            <span className="layouts__error" data-testid="editor-invalid">
              {describeSchemaIssues(check.error)}
            </span>
          )}
        </div>
      )}
      <p className="editor__help">
        Drag a widget to move it, its corner to resize. Keyboard: Tab to a widget, arrows move, Shift+arrows resize, Delete removes.
      </p>
      <div
        ref={gridRef}
        className="editor__grid"
        data-testid="editor-grid"
        style={{ gridTemplateColumns: `repeat(${doc.grid.columns}, 1fr)`, gridTemplateRows: `repeat(${doc.grid.rows}, 1fr)`, aspectRatio: '16 / 9' }}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        {doc.widgets.map((w) => (
          <div
            key={w.id}
            role="button"
            tabIndex={0}
            aria-label={`${WIDGETS[w.type].label} “${w.title ?? w.id}” at column ${w.x + 1}, row ${w.y + 1}, ${w.w} by ${w.h}`}
            aria-pressed={w.id === selected}
            className={`editor__widget${w.id === selected ? ' editor__widget--selected' : ''}`}
            data-testid="editor-widget"
            data-widget-id={w.id}
            data-x={w.x}
            data-y={w.y}
            data-w={w.w}
            data-h={w.h}
            style={{ gridColumn: `${w.x + 1} / span ${w.w}`, gridRow: `${w.y + 1} / span ${w.h}` }}
            onPointerDown={(e) => onPointerDown(e, w.id, 'move')}
            onFocus={() => setSelected(w.id)}
            onKeyDown={(e) => onKey(e, w.id)}
          >
            <span className="editor__type">{WIDGETS[w.type].label}</span>
            <span className="editor__id">{w.title ?? w.id}</span>
            {!readOnly && (
              <div className="editor__resize" aria-hidden="true" data-testid="editor-resize" onPointerDown={(e) => onPointerDown(e, w.id, 'resize')} />
            )}
          </div>
        ))}
      </div>
      {widget && !readOnly && <WidgetOptionsForm key={widget.id} doc={doc} widgetId={widget.id} onChange={setDoc} />}
    </section>
  );
}

function WidgetOptionsForm({ doc, widgetId, onChange }: { doc: WallLayoutDoc; widgetId: string; onChange(doc: WallLayoutDoc): void }) {
  const widget = doc.widgets.find((w) => w.id === widgetId)!;
  const [text, setText] = useState(JSON.stringify(widget.options, null, 2));
  const [error, setError] = useState<string | null>(null);
  const apply = (value: string) => {
    setText(value);
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      setError('not JSON yet');
      return;
    }
    const parsed = widgetOptionSchemas[widget.type].safeParse(json);
    if (!parsed.success) {
      setError(describeSchemaIssues(parsed.error));
      return;
    }
    setError(null);
    onChange({ ...doc, widgets: doc.widgets.map((w) => (w.id === widgetId ? ({ ...w, options: parsed.data } as typeof w) : w)) });
  };
  return (
    <div className="editor__options" data-testid="widget-options">
      <h3>
        {WIDGETS[widget.type].label} “{widget.id}”
      </h3>
      <label>
        Title{' '}
        <input
          value={widget.title ?? ''}
          maxLength={60}
          onChange={(e) => onChange({ ...doc, widgets: doc.widgets.map((w) => (w.id === widgetId ? { ...w, title: e.target.value || undefined } : w)) })}
          data-testid="widget-title"
        />
      </label>
      <label className="editor__json">
        Options (JSON)
        <textarea value={text} rows={8} spellCheck={false} onChange={(e) => apply(e.target.value)} data-testid="widget-options-json" />
      </label>
      {error && (
        <span className="layouts__error" data-testid="widget-options-error">
          {error}
        </span>
      )}
    </div>
  );
}
