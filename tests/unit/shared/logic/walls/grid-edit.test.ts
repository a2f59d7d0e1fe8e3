import { describe, expect, it } from 'vitest';
import { wallLayoutDocSchema } from '@shared/contract/wall-schema';
import { addWidget, cellAt, firstFreeSpot, freeWidgetId, moveWidget, placeWidget, removeWidget, resizeWidget } from '@shared/logic/walls/grid-edit';

const doc = wallLayoutDocSchema.parse({
  format: 'earshot.wall-layout',
  version: 1,
  name: 'Edit me',
  grid: { columns: 6, rows: 4 },
  widgets: [
    { id: 'a', type: 'clock', x: 0, y: 0, w: 2, h: 2 },
    { id: 'b', type: 'ticker', x: 4, y: 0, w: 2, h: 4 },
  ],
});

describe('layout editor moves', () => {
  it('moves a widget, clamped to the grid', () => {
    expect(moveWidget(doc, 'a', 1, 1).widgets[0]).toMatchObject({ x: 1, y: 1, w: 2, h: 2 });
    expect(moveWidget(doc, 'a', -3, -3)).toBe(doc);
    expect(moveWidget(doc, 'a', 0, 9).widgets[0]).toMatchObject({ x: 0, y: 2 });
  });

  it('refuses to cover another widget', () => {
    expect(moveWidget(doc, 'a', 3, 0)).toBe(doc);
    expect(placeWidget(doc, 'a', { x: 3, y: 0, w: 2, h: 2 })).toBe(doc);
    expect(resizeWidget(doc, 'a', 3, 0)).toBe(doc);
  });

  it('resizes within the grid and keeps at least one cell', () => {
    expect(resizeWidget(doc, 'a', 2, 2).widgets[0]).toMatchObject({ w: 4, h: 4 });
    expect(resizeWidget(doc, 'a', -5, -5).widgets[0]).toMatchObject({ w: 1, h: 1 });
  });

  it('finds room for a new widget, shrinking it when needed', () => {
    expect(firstFreeSpot(doc, 2, 2)).toEqual({ x: 2, y: 0, w: 2, h: 2 });
    expect(firstFreeSpot(doc, 5, 5)).toEqual({ x: 2, y: 0, w: 2, h: 2 });
    const full = {
      ...doc,
      widgets: [...doc.widgets, { ...doc.widgets[0]!, id: 'c', x: 0, y: 2, w: 4, h: 2 }, { ...doc.widgets[0]!, id: 'd', x: 2, y: 0, w: 2, h: 2 }],
    };
    expect(firstFreeSpot(full, 1, 1)).toBeNull();
    const added = addWidget(doc, { id: freeWidgetId(doc, 'a'), type: 'source-health', options: {} }, { w: 12, h: 1 });
    expect(added?.widgets[2]).toMatchObject({ id: 'a-2', x: 0, y: 2, w: 4, h: 1 });
    expect(wallLayoutDocSchema.safeParse(added).success).toBe(true);
  });

  it('removes widgets and maps pointer positions to cells', () => {
    expect(removeWidget(doc, 'a').widgets.map((w) => w.id)).toEqual(['b']);
    expect(cellAt(599, 0, { width: 600, height: 400 }, doc.grid)).toEqual({ col: 5, row: 0 });
    expect(cellAt(-20, 410, { width: 600, height: 400 }, doc.grid)).toEqual({ col: 0, row: 3 });
  });
});
