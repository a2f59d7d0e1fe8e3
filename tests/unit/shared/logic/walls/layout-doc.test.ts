import { describe, expect, it } from 'vitest';
import { wallLayoutDocSchema, WIDGET_TYPES, type WallLayoutDoc } from '@shared/contract/wall-schema';
import { BUILTIN_LAYOUTS, CRISIS_LAYOUT_ID, OVERVIEW_LAYOUT_ID } from '@shared/logic/walls/builtin-layouts';
import { effectiveTopic, layoutFileName, layoutToJson, parseLayoutJson } from '@shared/logic/walls/layout-doc';

function overview(): WallLayoutDoc {
  const found = BUILTIN_LAYOUTS.find((l) => l.id === OVERVIEW_LAYOUT_ID);
  if (!found) throw new Error('no overview');
  return structuredClone(found.doc);
}

describe('wall layout documents', () => {
  it('ships valid built-ins, including an Overview and a Crisis layout', () => {
    const ids = BUILTIN_LAYOUTS.map((l) => l.id);
    expect(ids).toContain(OVERVIEW_LAYOUT_ID);
    expect(ids).toContain(CRISIS_LAYOUT_ID);
    for (const layout of BUILTIN_LAYOUTS) {
      expect(layout.builtin).toBe(true);
      expect(wallLayoutDocSchema.safeParse(layout.doc).success, layout.id).toBe(true);
    }
  });

  it('round-trips through export and import unchanged', () => {
    for (const layout of BUILTIN_LAYOUTS) {
      const parsed = parseLayoutJson(layoutToJson(layout.doc));
      expect(parsed).toEqual({ ok: true, doc: layout.doc });
    }
  });

  it('fills option defaults so a hand-written file can be short', () => {
    const parsed = parseLayoutJson(
      JSON.stringify({
        format: 'earshot.wall-layout',
        version: 1,
        name: 'Mini',
        grid: { columns: 2, rows: 1 },
        widgets: [{ id: 'c', type: 'clock', x: 0, y: 0, w: 1, h: 1 }],
      }),
    );
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.doc.topicId).toBeNull();
      expect(parsed.doc.widgets[0]).toMatchObject({ type: 'clock', options: { zones: ['UTC'] } });
    }
  });

  it('rejects a widget that leaves the grid, naming the path and the reason', () => {
    const doc = overview();
    doc.widgets[0]!.w = 13;
    const parsed = parseLayoutJson(JSON.stringify(doc));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('widgets.0.w: reaches column 13 of a 12-column grid');
  });

  it('rejects overlapping widgets and duplicate ids', () => {
    const doc = overview();
    doc.widgets[1] = { ...doc.widgets[1]!, x: 0, y: 0 };
    doc.widgets[2] = { ...doc.widgets[2]!, id: 'volume' };
    const parsed = parseLayoutJson(JSON.stringify(doc));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain('widgets.1: overlaps widget "volume"');
      expect(parsed.error).toContain('widgets.2.id: "volume" is used by another widget');
    }
  });

  it('rejects unknown widget types, bad options and unknown time zones', () => {
    const unknown = parseLayoutJson(JSON.stringify({ ...overview(), widgets: [{ id: 'x', type: 'pie', x: 0, y: 0, w: 1, h: 1 }] }));
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error).toMatch(/^widgets\.0\.type: /);

    const badOption = parseLayoutJson(
      JSON.stringify({ ...overview(), widgets: [{ id: 'v', type: 'volume', x: 0, y: 0, w: 1, h: 1, options: { minutes: 2 } }] }),
    );
    expect(badOption.ok).toBe(false);
    if (!badOption.ok) expect(badOption.error).toMatch(/^widgets\.0\.options\.minutes: /);

    const zone = parseLayoutJson(
      JSON.stringify({ ...overview(), widgets: [{ id: 'c', type: 'clock', x: 0, y: 0, w: 1, h: 1, options: { zones: ['Mars/Olympus'] } }] }),
    );
    expect(zone.ok).toBe(false);
    if (!zone.ok) expect(zone.error).toBe('widgets.0.options.zones.0: not a known IANA time zone');
  });

  it('rejects what is not an Earshot layout with a clear message', () => {
    expect(parseLayoutJson('{"windows": []}')).toEqual({ ok: false, error: 'format: expected "earshot.wall-layout" (is this an Earshot wall layout?)' });
    const broken = parseLayoutJson('{"format": ');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/^not JSON: /);
    const future = parseLayoutJson(JSON.stringify({ ...overview(), version: 2 }));
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error).toMatch(/^version: /);
  });

  it('has an option schema for every widget type', () => {
    for (const type of WIDGET_TYPES) {
      const parsed = wallLayoutDocSchema.safeParse({ ...overview(), widgets: [{ id: 'w', type, x: 0, y: 0, w: 1, h: 1 }] });
      expect(parsed.success, type).toBe(true);
    }
  });

  it('names files and resolves a widget topic from the layout', () => {
    expect(layoutFileName('Crisis — North/EU!')).toBe('crisis-north-eu.earshot-layout.json');
    expect(layoutFileName('***')).toBe('layout.earshot-layout.json');
    expect(effectiveTopic(null, { topicId: 7 })).toBe(7);
    expect(effectiveTopic(3, { topicId: 7 })).toBe(3);
    expect(effectiveTopic(null, { topicId: null })).toBeNull();
  });
});
