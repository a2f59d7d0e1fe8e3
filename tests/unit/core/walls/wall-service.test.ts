/**
 * Walls in the core through the real composition root: a window's calls on a temporary data
 * folder, checked by the contract's schemas, stored in SQLite, pushed to subscribers.
 */
import { LOCAL_OWNER } from '../../../support/local-owner';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerFrame } from '@shared/contract/frames';
import type { StoredLayout, WallDisplay, Playlist } from '@shared/contract/wall-schema';
import type { Core, CoreSession } from '../../../../electron/core/app/core-api';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { startCore } from '../../../../electron/core/app/start-core';
import { BUILTIN_LAYOUTS } from '@shared/logic/walls/builtin-layouts';
import { useTempDirs, waitFor } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
});

type Res = Extract<ServerFrame, { t: 'res' }>;

class Window {
  readonly frames: ServerFrame[] = [];
  readonly session: CoreSession;
  private nextId = 1;
  constructor(core: Core) {
    this.session = core.openSession((frame) => this.frames.push(JSON.parse(frame) as ServerFrame), LOCAL_OWNER);
  }
  async call(method: string, params: unknown = {}): Promise<Res> {
    const id = this.nextId++;
    this.session.receive(JSON.stringify({ t: 'req', id, method, params }));
    return waitFor(`the answer to ${method}`, () => this.frames.find((f): f is Res => f.t === 'res' && f.id === id), 3_000);
  }
  async result<T>(method: string, params: unknown = {}): Promise<T> {
    const res = await this.call(method, params);
    if (!res.ok) throw new Error(`${method} failed: ${res.error.code} ${res.error.message}`);
    return res.result as T;
  }
  async error(method: string, params: unknown = {}): Promise<{ code: string; message: string }> {
    const res = await this.call(method, params);
    if (res.ok) throw new Error(`${method} unexpectedly succeeded`);
    return res.error;
  }
  subscribe(topic: string): void {
    this.session.receive(JSON.stringify({ t: 'sub', topic }));
  }
  events<T>(topic: string): T[] {
    return this.frames.filter((f): f is Extract<ServerFrame, { t: 'evt' }> => f.t === 'evt' && f.topic === topic).map((f) => f.payload as T);
  }
}

async function start(dataDir = tempDir()): Promise<{ core: Core; dataDir: string }> {
  const core = await startCore({ dataDir, version: 'test', logger: createMemoryLogger(), demo: { enabled: false } });
  cores.push(core);
  return { core, dataDir };
}

describe('wall layouts in the core', () => {
  it('lists built-ins, refuses to change or delete them, and duplicates them', async () => {
    const { core } = await start();
    const w = new Window(core);
    const { layouts } = await w.result<{ layouts: StoredLayout[] }>('walls.layouts.list');
    expect(layouts.map((l) => l.id)).toEqual(BUILTIN_LAYOUTS.map((l) => l.id));
    const overview = layouts[0]!;
    expect((await w.error('walls.layouts.save', { id: 'overview', doc: overview.doc })).code).toBe('conflict');
    expect((await w.error('walls.layouts.delete', { id: 'overview' })).message).toContain('built-in');
    const { layout: copy } = await w.result<{ layout: StoredLayout }>('walls.layouts.duplicate', { id: 'overview' });
    expect(copy).toMatchObject({ builtin: false, doc: { ...overview.doc, name: 'Overview (copy)' } });
    const { layout: second } = await w.result<{ layout: StoredLayout }>('walls.layouts.duplicate', { id: 'overview' });
    expect(second.doc.name).toBe('Overview (copy 2)');
    const { layout: renamed } = await w.result<{ layout: StoredLayout }>('walls.layouts.rename', { id: copy.id, name: 'Lobby' });
    expect(renamed.doc.name).toBe('Lobby');
  });

  it('stores layouts across a restart and exports/imports them unchanged', async () => {
    const first = await start();
    let w = new Window(first.core);
    const { layout } = await w.result<{ layout: StoredLayout }>('walls.layouts.duplicate', { id: 'crisis', name: 'North crisis' });
    const exported = await w.result<{ json: string; fileName: string }>('walls.layouts.export', { id: layout.id });
    expect(exported.fileName).toBe('north-crisis.earshot-layout.json');
    await first.core.stop();
    cores.splice(0);

    const second = await start(first.dataDir);
    w = new Window(second.core);
    const { layouts } = await w.result<{ layouts: StoredLayout[] }>('walls.layouts.list');
    expect(layouts.find((l) => l.id === layout.id)?.doc).toEqual(layout.doc);
    const { layout: imported } = await w.result<{ layout: StoredLayout }>('walls.layouts.import', { json: exported.json });
    expect(imported.id).not.toBe(layout.id);
    expect(imported.doc).toEqual({ ...layout.doc, name: 'North crisis (imported)' });
  });

  it('rejects an invalid import with the path and the reason, storing nothing', async () => {
    const { core } = await start();
    const w = new Window(core);
    const doc = structuredClone(BUILTIN_LAYOUTS[0]!.doc);
    doc.widgets[0]!.x = 11;
    const error = await w.error('walls.layouts.import', { json: JSON.stringify(doc) });
    expect(error.message).toMatch(/^the layout was not imported: widgets\.0\.w: reaches column 19 of a 12-column grid/);
    const { layouts } = await w.result<{ layouts: StoredLayout[] }>('walls.layouts.list');
    expect(layouts).toHaveLength(BUILTIN_LAYOUTS.length);
  });

  it('refuses to delete a layout a display or playlist uses, naming it', async () => {
    const { core } = await start();
    const w = new Window(core);
    const { layout } = await w.result<{ layout: StoredLayout }>('walls.layouts.duplicate', { id: 'care' });
    await w.result('walls.playlists.save', { playlist: { id: 'night', name: 'Night', items: [{ layoutId: layout.id, seconds: 60 }] } });
    expect((await w.error('walls.layouts.delete', { id: layout.id })).message).toBe(`layout "${layout.id}" is in use by playlist "Night"`);
    await w.result('walls.playlists.delete', { id: 'night' });
    await w.result('walls.layouts.delete', { id: layout.id });
    expect((await w.error('walls.playlists.save', { playlist: { id: 'x', name: 'X', items: [{ layoutId: layout.id, seconds: 60 }] } })).message).toBe(
      `items.0.layoutId: layout "${layout.id}" does not exist`,
    );
  });
});

describe('displays in the core', () => {
  it('creates a display the first time a wall asks, and applies commands to one, a group or all', async () => {
    const { core } = await start();
    const w = new Window(core);
    w.subscribe('walls.displays.changed');
    const { display } = await w.result<{ display: WallDisplay }>('walls.displays.get', { id: 'lobby-tv' });
    expect(display.config).toMatchObject({ id: 'lobby-tv', source: { kind: 'layout', layoutId: 'overview' }, publicSafe: false, takeover: true });
    await w.result('walls.displays.get', { id: 'ops-1' });
    await w.result('walls.displays.save', { display: { ...display.config, group: 'lobby', publicSafe: true } });

    await w.result('walls.displays.command', { ids: ['ops-1'], command: { kind: 'push-layout', layoutId: 'crisis' } });
    await w.result('walls.displays.command', { group: 'lobby', command: { kind: 'blank' } });
    let { displays } = await w.result<{ displays: WallDisplay[] }>('walls.displays.list');
    expect(displays.map((d) => [d.config.id, d.override])).toEqual([
      ['lobby-tv', { pushedLayoutId: null, paused: false, blanked: true }],
      ['ops-1', { pushedLayoutId: 'crisis', paused: false, blanked: false }],
    ]);
    await w.result('walls.displays.command', { command: { kind: 'resume' } });
    ({ displays } = await w.result<{ displays: WallDisplay[] }>('walls.displays.list'));
    expect(displays.every((d) => !d.override.blanked && d.override.pushedLayoutId === null)).toBe(true);
    expect(displays.find((d) => d.config.id === 'lobby-tv')?.config.publicSafe).toBe(true);

    const pushed = w.events<{ displays: WallDisplay[] }>('walls.displays.changed');
    expect(pushed.length).toBeGreaterThanOrEqual(4);
    expect((await w.error('walls.displays.command', { command: { kind: 'push-layout', layoutId: 'nope' } })).code).toBe('not-found');
    expect((await w.error('walls.displays.get', { id: 'Lobby TV' })).code).toBe('bad-params');
  });

  it('refuses a display whose playlist does not exist', async () => {
    const { core } = await start();
    const w = new Window(core);
    const { display } = await w.result<{ display: WallDisplay }>('walls.displays.get', { id: 'tv' });
    const error = await w.error('walls.displays.save', { display: { ...display.config, source: { kind: 'playlist', playlistId: 'ghost' } } });
    expect(error.message).toBe('source.playlistId: playlist "ghost" does not exist');
  });

  it('keeps what walls report and pushes changes to the control view', async () => {
    const { core } = await start();
    const wall = new Window(core);
    const control = new Window(core);
    control.subscribe('walls.status');
    const page = {
      layoutId: 'overview',
      layoutName: 'Overview',
      playlistId: null,
      itemIndex: null,
      nextAt: null,
      takeoverAlertId: null,
      blanked: false,
      paused: false,
      viewport: { width: 1920, height: 1080 },
    };
    await wall.result('walls.displays.report', { id: 'lobby-tv', page });
    await wall.result('walls.displays.report', { id: 'lobby-tv', page });
    await wall.result('walls.displays.report', { id: 'lobby-tv', page: { ...page, layoutId: 'care', layoutName: 'Care' } });
    const statuses = control.events<{ statuses: Array<{ displayId: string; connected: boolean; page: { layoutId: string } }> }>('walls.status');
    // The repeated identical report is presence only, not a change.
    expect(statuses.map((s) => s.statuses[0]?.page.layoutId)).toEqual(['overview', 'care']);
    expect(statuses[1]?.statuses[0]).toMatchObject({ displayId: 'lobby-tv', connected: true });
  });

  it('logs and stores watchdog reloads', async () => {
    const { core } = await start();
    const w = new Window(core);
    await w.result('walls.watchdog.report', { displayId: 'lobby-tv', view: 'wall', heapUsedMb: 812.4, limitMb: 768, uptimeMinutes: 4320 });
    const { events } = await w.result<{ events: Array<{ displayId: string; heapUsedMb: number }> }>('walls.watchdog.events', { limit: 10 });
    expect(events).toEqual([expect.objectContaining({ displayId: 'lobby-tv', heapUsedMb: 812.4, limitMb: 768 })]);
  });

  it('saves playlists with their schedules', async () => {
    const { core } = await start();
    const w = new Window(core);
    const playlist = {
      id: 'shifts',
      name: 'Shifts',
      items: [
        { layoutId: 'overview', seconds: 60, from: '07:00', to: '19:00' },
        { layoutId: 'crisis', seconds: 30, from: '19:00', to: '07:00' },
      ],
    };
    await w.result('walls.playlists.save', { playlist });
    const { playlists } = await w.result<{ playlists: Playlist[] }>('walls.playlists.list');
    expect(playlists).toEqual([playlist]);
    expect((await w.error('walls.playlists.save', { playlist: { ...playlist, items: [{ layoutId: 'overview', seconds: 1 }] } })).code).toBe('bad-params');
  });
});

describe('the Electron shell side of walls', () => {
  it('adopts displays for monitors, lists monitors for the control view, and tells the shell about reassignments', async () => {
    const { core } = await start();
    const w = new Window(core);
    let changes = 0;
    core.walls.onChange(() => changes++);
    const monitor = { id: 7, key: 'LG TV@3840x2160', label: 'LG TV', primary: false, bounds: { x: 1920, y: 0, width: 3840, height: 2160 }, scaleFactor: 1 };
    core.walls.setMonitors([monitor]);
    core.walls.adopt([{ displayId: 'monitor-1', monitorKey: monitor.key, name: 'LG TV (3840x2160)' }]);
    expect(core.walls.assignments()).toEqual([{ displayId: 'monitor-1', monitorKey: 'LG TV@3840x2160' }]);
    const listed = await w.result<{ displays: WallDisplay[]; monitors: unknown[] }>('walls.displays.list');
    expect(listed.monitors).toEqual([monitor]);
    expect(listed.displays[0]?.config).toMatchObject({ id: 'monitor-1', name: 'LG TV (3840x2160)', monitorKey: 'LG TV@3840x2160' });

    // Moving the wall to "no monitor" from the control view is a change the shell must follow;
    // a push from the control view is not.
    await w.result('walls.displays.save', { display: { ...listed.displays[0]!.config, monitorKey: null } });
    expect(changes).toBe(1);
    await w.result('walls.displays.command', { command: { kind: 'blank' } });
    expect(changes).toBe(1);
    expect(core.walls.assignments()).toEqual([{ displayId: 'monitor-1', monitorKey: null }]);
  });
});
