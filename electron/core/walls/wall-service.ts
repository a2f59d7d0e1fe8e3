/**
 * Walls in the core: saved layouts (next to the built-in ones), playlists, displays with their
 * operator overrides, and the in-memory presence of the walls that report what they show. Every
 * change is pushed as a full list so a wall or control view that missed one catches up with the next.
 */
import { randomBytes } from 'node:crypto';
import {
  DISPLAY_PRESENCE_MS,
  NO_OVERRIDE,
  displayConfigSchema,
  type DisplayCommand,
  type DisplayConfig,
  type DisplayPage,
  type DisplayStatus,
  type Playlist,
  type StoredLayout,
  type WallDisplay,
  type WallLayoutDoc,
} from '@shared/contract/wall-schema';
import type { WatchdogEvent } from '@shared/contract/areas/walls';
import type { KeyedMonitor } from '@shared/logic/walls/display-assignment';
import { BUILTIN_LAYOUTS, builtinLayout, OVERVIEW_LAYOUT_ID } from '@shared/logic/walls/builtin-layouts';
import { layoutFileName, layoutToJson, parseLayoutJson } from '@shared/logic/walls/layout-doc';
import { applyCommand, wallEventAction } from '@shared/logic/walls/override-at';
import { ApiError } from '../api/api-error';
import type { WallsShellApi } from '../app/core-api';
import type { Logger } from '../base/logger';
import type { LiveHub } from '../live/hub';
import type { Store } from '../store/store';

/** Reports kept per display id; a wall that went away is dropped after this long. */
const FORGET_STATUS_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_DISPLAYS = 200;

export class WallService {
  private readonly statuses = new Map<string, { page: DisplayPage; reportedAt: number }>();
  private monitors: KeyedMonitor[] = [];
  private readonly changeListeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly hub: LiveHub,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  // ---- layouts -------------------------------------------------------------------------------

  layouts(): StoredLayout[] {
    return [...BUILTIN_LAYOUTS, ...this.store.walls.layouts()];
  }

  layout(id: string): StoredLayout {
    const found = builtinLayout(id) ?? this.store.walls.layout(id);
    if (!found) throw new ApiError('not-found', `layout "${id}" does not exist`);
    return found;
  }

  saveLayout(id: string | undefined, doc: WallLayoutDoc): StoredLayout {
    if (id !== undefined && builtinLayout(id)) throw new ApiError('conflict', `"${doc.name}" is a built-in layout: duplicate it to change it`);
    if (id !== undefined && !this.store.walls.layout(id)) throw new ApiError('not-found', `layout "${id}" does not exist`);
    const stored: StoredLayout = { id: id ?? this.newLayoutId(doc.name), builtin: false, doc, updatedAt: this.now() };
    this.store.walls.saveLayout(stored);
    this.layoutsChanged();
    return stored;
  }

  duplicateLayout(id: string, name?: string): StoredLayout {
    const source = this.layout(id);
    return this.saveLayout(undefined, { ...source.doc, name: name ?? this.copyName(source.doc.name) });
  }

  renameLayout(id: string, name: string): StoredLayout {
    const source = this.layout(id);
    return this.saveLayout(source.id, { ...source.doc, name });
  }

  deleteLayout(id: string): void {
    if (builtinLayout(id)) throw new ApiError('conflict', `"${id}" is a built-in layout and cannot be deleted`);
    const users = [
      ...this.store.walls
        .displays()
        .filter((d) => (d.config.source.kind === 'layout' && d.config.source.layoutId === id) || d.override.pushedLayoutId === id)
        .map((d) => `display "${d.config.name}"`),
      ...this.store.walls
        .playlists()
        .filter((p) => p.items.some((item) => item.layoutId === id))
        .map((p) => `playlist "${p.name}"`),
    ];
    if (users.length > 0) throw new ApiError('conflict', `layout "${id}" is in use by ${users.join(', ')}`);
    if (!this.store.walls.deleteLayout(id)) throw new ApiError('not-found', `layout "${id}" does not exist`);
    this.layoutsChanged();
  }

  importLayout(json: string): StoredLayout {
    const parsed = parseLayoutJson(json);
    if (!parsed.ok) throw new ApiError('bad-params', `the layout was not imported: ${parsed.error}`);
    const taken = new Set(this.layouts().map((l) => l.doc.name));
    const name = taken.has(parsed.doc.name) ? this.copyName(parsed.doc.name, 'imported') : parsed.doc.name;
    return this.saveLayout(undefined, { ...parsed.doc, name });
  }

  exportLayout(id: string): { json: string; fileName: string } {
    const layout = this.layout(id);
    return { json: layoutToJson(layout.doc), fileName: layoutFileName(layout.doc.name) };
  }

  // ---- playlists -----------------------------------------------------------------------------

  playlists(): Playlist[] {
    return this.store.walls.playlists();
  }

  savePlaylist(playlist: Playlist): Playlist {
    for (const [index, item] of playlist.items.entries()) {
      if (!builtinLayout(item.layoutId) && !this.store.walls.layout(item.layoutId)) {
        throw new ApiError('bad-params', `items.${index}.layoutId: layout "${item.layoutId}" does not exist`);
      }
    }
    this.store.walls.savePlaylist(playlist, this.now());
    this.hub.publish('walls.playlists.changed', { playlists: this.playlists() });
    return playlist;
  }

  deletePlaylist(id: string): void {
    const users = this.store.walls.displays().filter((d) => d.config.source.kind === 'playlist' && d.config.source.playlistId === id);
    if (users.length > 0) throw new ApiError('conflict', `playlist "${id}" is in use by ${users.map((d) => `display "${d.config.name}"`).join(', ')}`);
    if (!this.store.walls.deletePlaylist(id)) throw new ApiError('not-found', `playlist "${id}" does not exist`);
    this.hub.publish('walls.playlists.changed', { playlists: this.playlists() });
  }

  // ---- displays ------------------------------------------------------------------------------

  displays(): WallDisplay[] {
    return this.store.walls.displays();
  }

  /** A display by id, created with the defaults (the Overview) the first time a wall asks for it. */
  display(id: string): WallDisplay {
    const found = this.store.walls.display(id);
    if (found) return found;
    if (this.store.walls.displays().length >= MAX_DISPLAYS) throw new ApiError('conflict', `at most ${MAX_DISPLAYS} displays; delete one in the control view`);
    const config = displayConfigSchema.parse({ id, name: id, source: { kind: 'layout', layoutId: OVERVIEW_LAYOUT_ID } });
    const created: WallDisplay = { config, override: NO_OVERRIDE, updatedAt: this.now() };
    this.store.walls.saveDisplay(created);
    this.logger.info('a new wall display appeared', { display: id });
    this.displaysChanged();
    return created;
  }

  saveDisplay(config: DisplayConfig): WallDisplay {
    this.checkSource(config);
    const existing = this.store.walls.display(config.id);
    const saved: WallDisplay = { config, override: existing?.override ?? NO_OVERRIDE, updatedAt: this.now() };
    this.store.walls.saveDisplay(saved);
    this.displaysChanged();
    return saved;
  }

  deleteDisplay(id: string): void {
    if (!this.store.walls.deleteDisplay(id)) throw new ApiError('not-found', `display "${id}" does not exist`);
    this.statuses.delete(id);
    this.displaysChanged();
    this.publishStatus();
  }

  command(target: { ids?: string[] | undefined; group?: string | undefined }, command: DisplayCommand): WallDisplay[] {
    if (command.kind === 'push-layout') this.layout(command.layoutId);
    const all = this.store.walls.displays();
    let chosen: WallDisplay[];
    if (target.ids) {
      chosen = target.ids.map((id) => all.find((d) => d.config.id === id) ?? this.display(id));
    } else if (target.group !== undefined) {
      chosen = all.filter((d) => d.config.group === target.group);
      if (chosen.length === 0) throw new ApiError('not-found', `no display is in group "${target.group}"`);
    } else {
      chosen = all;
    }
    const at = this.now();
    const changed = this.store.transaction(() =>
      chosen.map((display) => {
        const next: WallDisplay = { ...display, override: applyCommand(display.override, command), updatedAt: at };
        this.store.walls.saveDisplay(next);
        // The record (review): what each wall was told to show, and when.
        this.store.record.addWallEvent(at, display.config.id, wallEventAction(command), 'operator', JSON.stringify(command));
        return next;
      }),
    );
    this.logger.info('wall command', { command: command.kind, displays: changed.map((d) => d.config.id) });
    this.displaysChanged(false);
    return changed;
  }

  report(id: string, page: DisplayPage): number {
    const at = this.now();
    const previous = this.statuses.get(id);
    this.statuses.set(id, { page, reportedAt: at });
    // A wall re-reports the same page every few seconds as its presence: push only real changes,
    // plus a periodic refresh from `publishStatus` callers.
    if (!previous || JSON.stringify(previous.page) !== JSON.stringify(page)) this.publishStatus();
    return at;
  }

  statusList(): DisplayStatus[] {
    const at = this.now();
    const out: DisplayStatus[] = [];
    for (const [displayId, { page, reportedAt }] of this.statuses) {
      if (at - reportedAt > FORGET_STATUS_AFTER_MS) {
        this.statuses.delete(displayId);
        continue;
      }
      out.push({ displayId, page, reportedAt, connected: at - reportedAt <= DISPLAY_PRESENCE_MS });
    }
    return out.sort((a, b) => a.displayId.localeCompare(b.displayId));
  }

  /** Also called on a timer, so the control view sees a silent wall turn "disconnected". */
  publishStatus(): void {
    if (this.hub.hasSubscribers('walls.status')) this.hub.publish('walls.status', { statuses: this.statusList(), serverTime: this.now() });
  }

  // ---- watchdog ------------------------------------------------------------------------------

  watchdog(event: Omit<WatchdogEvent, 'id' | 'at'>): void {
    this.store.walls.addWatchdogEvent({ ...event, at: this.now() });
    this.logger.warn('a wall reloaded itself: its memory kept growing past the limit', {
      display: event.displayId,
      view: event.view,
      heapUsedMb: Math.round(event.heapUsedMb),
      limitMb: event.limitMb,
      uptimeMinutes: Math.round(event.uptimeMinutes),
    });
  }

  watchdogEvents(limit: number): WatchdogEvent[] {
    return this.store.walls.watchdogEvents(limit);
  }

  // ---- the Electron shell's monitors ----------------------------------------------------------

  /** The monitors the Electron shell reported; empty in serve mode. */
  monitorList(): KeyedMonitor[] {
    return this.monitors;
  }

  shellApi(): WallsShellApi {
    return {
      assignments: () => this.displays().map((d) => ({ displayId: d.config.id, monitorKey: d.config.monitorKey })),
      setMonitors: (monitors) => {
        this.monitors = monitors.map((m) => ({ ...m, bounds: { ...m.bounds } }));
        this.displaysChanged(false);
      },
      adopt: (proposals) => {
        for (const p of proposals) {
          if (this.store.walls.display(p.displayId)) continue;
          const config = displayConfigSchema.parse({
            id: p.displayId,
            name: p.name.slice(0, 80),
            source: { kind: 'layout', layoutId: OVERVIEW_LAYOUT_ID },
            monitorKey: p.monitorKey,
          });
          this.store.walls.saveDisplay({ config, override: NO_OVERRIDE, updatedAt: this.now() });
        }
        if (proposals.length > 0) this.displaysChanged(false);
      },
      onChange: (listener) => {
        this.changeListeners.add(listener);
        return () => this.changeListeners.delete(listener);
      },
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private checkSource(config: DisplayConfig): void {
    if (config.source.kind === 'layout') this.layout(config.source.layoutId);
    else if (!this.playlists().some((p) => p.id === (config.source as { playlistId: string }).playlistId)) {
      throw new ApiError('bad-params', `source.playlistId: playlist "${config.source.playlistId}" does not exist`);
    }
  }

  private newLayoutId(name: string): string {
    const slug =
      name
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40) || 'layout';
    for (;;) {
      const id = `${slug}-${randomBytes(3).toString('hex')}`;
      if (!builtinLayout(id) && !this.store.walls.layout(id)) return id;
    }
  }

  private copyName(name: string, word = 'copy'): string {
    const taken = new Set(this.layouts().map((l) => l.doc.name));
    for (let n = 1; ; n++) {
      const candidate = `${name} (${word}${n > 1 ? ` ${n}` : ''})`.slice(0, 80);
      if (!taken.has(candidate)) return candidate;
    }
  }

  private layoutsChanged(): void {
    this.hub.publish('walls.layouts.changed', { layouts: this.layouts() });
  }

  private displaysChanged(notifyShell = true): void {
    this.hub.publish('walls.displays.changed', { displays: this.displays(), monitors: this.monitors });
    if (!notifyShell) return;
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch (error) {
        this.logger.error('the window shell failed to follow a display change', { error: String(error) });
      }
    }
  }
}
