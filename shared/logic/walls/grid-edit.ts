/**
 * The layout editor's moves, kept pure: move and resize a widget on the grid (clamped to the grid,
 * refused when it would cover another widget), and find room for a new one.
 */
import { overlaps, type GridRect, type WallLayoutDoc, type WallWidget } from '../../contract/wall-schema';

export function clampRect(rect: GridRect, grid: WallLayoutDoc['grid']): GridRect {
  const w = Math.min(Math.max(1, rect.w), grid.columns);
  const h = Math.min(Math.max(1, rect.h), grid.rows);
  const x = Math.min(Math.max(0, rect.x), grid.columns - w);
  const y = Math.min(Math.max(0, rect.y), grid.rows - h);
  return { x, y, w, h };
}

function fits(doc: WallLayoutDoc, id: string | null, rect: GridRect): boolean {
  return !doc.widgets.some((other) => other.id !== id && overlaps(other, rect));
}

/**
 * Places widget `id` at `rect` (clamped). Returns the same document when the place is taken, so a
 * drag over another widget simply does not move there.
 */
export function placeWidget(doc: WallLayoutDoc, id: string, rect: GridRect): WallLayoutDoc {
  const target = clampRect(rect, doc.grid);
  const widget = doc.widgets.find((w) => w.id === id);
  if (!widget) return doc;
  if (widget.x === target.x && widget.y === target.y && widget.w === target.w && widget.h === target.h) return doc;
  if (!fits(doc, id, target)) return doc;
  return { ...doc, widgets: doc.widgets.map((w) => (w.id === id ? { ...w, ...target } : w)) };
}

export function moveWidget(doc: WallLayoutDoc, id: string, dx: number, dy: number): WallLayoutDoc {
  const widget = doc.widgets.find((w) => w.id === id);
  return widget ? placeWidget(doc, id, { x: widget.x + dx, y: widget.y + dy, w: widget.w, h: widget.h }) : doc;
}

export function resizeWidget(doc: WallLayoutDoc, id: string, dw: number, dh: number): WallLayoutDoc {
  const widget = doc.widgets.find((w) => w.id === id);
  if (!widget) return doc;
  const w = Math.min(Math.max(1, widget.w + dw), doc.grid.columns - widget.x);
  const h = Math.min(Math.max(1, widget.h + dh), doc.grid.rows - widget.y);
  return placeWidget(doc, id, { x: widget.x, y: widget.y, w, h });
}

/** The first free spot (top to bottom, left to right) for a w×h widget, shrinking it if needed; null when the grid is full. */
export function firstFreeSpot(doc: WallLayoutDoc, w: number, h: number): GridRect | null {
  for (let size = 0; size < Math.max(w, h); size++) {
    const ww = Math.max(1, Math.min(doc.grid.columns, w - size));
    const hh = Math.max(1, Math.min(doc.grid.rows, h - size));
    for (let y = 0; y + hh <= doc.grid.rows; y++) {
      for (let x = 0; x + ww <= doc.grid.columns; x++) {
        const rect = { x, y, w: ww, h: hh };
        if (fits(doc, null, rect)) return rect;
      }
    }
  }
  return null;
}

export function removeWidget(doc: WallLayoutDoc, id: string): WallLayoutDoc {
  return { ...doc, widgets: doc.widgets.filter((w) => w.id !== id) };
}

export function addWidget(doc: WallLayoutDoc, widget: Omit<WallWidget, 'x' | 'y' | 'w' | 'h'>, size: { w: number; h: number }): WallLayoutDoc | null {
  const spot = firstFreeSpot(doc, size.w, size.h);
  if (!spot) return null;
  return { ...doc, widgets: [...doc.widgets, { ...widget, ...spot } as WallWidget] };
}

/** An id not used in the layout yet: "ticker", "ticker-2", … */
export function freeWidgetId(doc: WallLayoutDoc, base: string): string {
  const taken = new Set(doc.widgets.map((w) => w.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Cells from pixels: which cell a pointer at (px, py) inside a grid box of width×height is over. */
export function cellAt(px: number, py: number, box: { width: number; height: number }, grid: WallLayoutDoc['grid']): { col: number; row: number } {
  const col = Math.floor((px / Math.max(1, box.width)) * grid.columns);
  const row = Math.floor((py / Math.max(1, box.height)) * grid.rows);
  return { col: Math.min(Math.max(0, col), grid.columns - 1), row: Math.min(Math.max(0, row), grid.rows - 1) };
}
