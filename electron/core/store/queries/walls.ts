import {
  displayConfigSchema,
  playlistSchema,
  wallLayoutDocSchema,
  NO_OVERRIDE,
  type DisplayOverride,
  type Playlist,
  type StoredLayout,
  type WallDisplay,
} from '@shared/contract/wall-schema';
import type { WatchdogEvent } from '@shared/contract/areas/walls';
import type { Db } from '../database';

export type WallQueries = ReturnType<typeof wallQueries>;

interface LayoutRow {
  id: string;
  doc: string;
  updated_at: number;
}

interface DisplayRow {
  id: string;
  config: string;
  override: string;
  updated_at: number;
}

function toOverride(raw: string): DisplayOverride {
  try {
    const value = JSON.parse(raw) as Partial<DisplayOverride>;
    return {
      pushedLayoutId: typeof value.pushedLayoutId === 'string' ? value.pushedLayoutId : null,
      paused: value.paused === true,
      blanked: value.blanked === true,
    };
  } catch {
    return NO_OVERRIDE;
  }
}

/**
 * Saved layouts, playlists and displays, stored as JSON documents. Every read re-checks the
 * document's schema: a row that no longer parses (edited by hand, older format) is skipped and
 * reported through `onInvalid`, never handed to a wall.
 */
export function wallQueries(db: Db, onInvalid: (what: string, id: string, reason: string) => void = () => undefined) {
  const layouts = db.prepare('SELECT id, doc, updated_at FROM wall_layouts ORDER BY name COLLATE NOCASE, id');
  const layout = db.prepare('SELECT id, doc, updated_at FROM wall_layouts WHERE id = ?');
  const upsertLayout = db.prepare(`
    INSERT INTO wall_layouts (id, name, doc, created_at, updated_at) VALUES (@id, @name, @doc, @at, @at)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, doc = excluded.doc, updated_at = excluded.updated_at`);
  const deleteLayout = db.prepare('DELETE FROM wall_layouts WHERE id = ?');

  const playlists = db.prepare('SELECT id, doc, updated_at FROM wall_playlists ORDER BY name COLLATE NOCASE, id');
  const upsertPlaylist = db.prepare(`
    INSERT INTO wall_playlists (id, name, doc, updated_at) VALUES (@id, @name, @doc, @at)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, doc = excluded.doc, updated_at = excluded.updated_at`);
  const deletePlaylist = db.prepare('DELETE FROM wall_playlists WHERE id = ?');

  const displays = db.prepare('SELECT id, config, override, updated_at FROM wall_displays ORDER BY id');
  const display = db.prepare('SELECT id, config, override, updated_at FROM wall_displays WHERE id = ?');
  const upsertDisplay = db.prepare(`
    INSERT INTO wall_displays (id, config, override, updated_at) VALUES (@id, @config, @override, @at)
    ON CONFLICT (id) DO UPDATE SET config = excluded.config, override = excluded.override, updated_at = excluded.updated_at`);
  const deleteDisplay = db.prepare('DELETE FROM wall_displays WHERE id = ?');

  const insertEvent = db.prepare(`
    INSERT INTO wall_watchdog_events (at, display_id, view, heap_used_mb, limit_mb, uptime_minutes)
    VALUES (@at, @displayId, @view, @heapUsedMb, @limitMb, @uptimeMinutes)`);
  const events = db.prepare('SELECT id, at, display_id, view, heap_used_mb, limit_mb, uptime_minutes FROM wall_watchdog_events ORDER BY id DESC LIMIT ?');

  const toLayout = (row: LayoutRow): StoredLayout | null => {
    try {
      const parsed = wallLayoutDocSchema.safeParse(JSON.parse(row.doc));
      if (parsed.success) return { id: row.id, builtin: false, doc: parsed.data, updatedAt: row.updated_at };
      onInvalid('layout', row.id, parsed.error.issues[0]?.message ?? 'invalid');
    } catch (error) {
      onInvalid('layout', row.id, String(error));
    }
    return null;
  };

  const toDisplay = (row: DisplayRow): WallDisplay | null => {
    try {
      const parsed = displayConfigSchema.safeParse(JSON.parse(row.config));
      if (parsed.success) return { config: parsed.data, override: toOverride(row.override), updatedAt: row.updated_at };
      onInvalid('display', row.id, parsed.error.issues[0]?.message ?? 'invalid');
    } catch (error) {
      onInvalid('display', row.id, String(error));
    }
    return null;
  };

  return {
    layouts(): StoredLayout[] {
      return (layouts.all() as LayoutRow[]).map(toLayout).filter((l): l is StoredLayout => l !== null);
    },
    layout(id: string): StoredLayout | null {
      const row = layout.get(id) as LayoutRow | undefined;
      return row ? toLayout(row) : null;
    },
    saveLayout(stored: StoredLayout): void {
      upsertLayout.run({ id: stored.id, name: stored.doc.name, doc: JSON.stringify(stored.doc), at: stored.updatedAt });
    },
    deleteLayout(id: string): boolean {
      return deleteLayout.run(id).changes > 0;
    },
    playlists(): Playlist[] {
      const out: Playlist[] = [];
      for (const row of playlists.all() as LayoutRow[]) {
        try {
          const parsed = playlistSchema.safeParse(JSON.parse(row.doc));
          if (parsed.success) out.push(parsed.data);
          else onInvalid('playlist', row.id, parsed.error.issues[0]?.message ?? 'invalid');
        } catch (error) {
          onInvalid('playlist', row.id, String(error));
        }
      }
      return out;
    },
    savePlaylist(playlist: Playlist, at: number): void {
      upsertPlaylist.run({ id: playlist.id, name: playlist.name, doc: JSON.stringify(playlist), at });
    },
    deletePlaylist(id: string): boolean {
      return deletePlaylist.run(id).changes > 0;
    },
    displays(): WallDisplay[] {
      return (displays.all() as DisplayRow[]).map(toDisplay).filter((d): d is WallDisplay => d !== null);
    },
    display(id: string): WallDisplay | null {
      const row = display.get(id) as DisplayRow | undefined;
      return row ? toDisplay(row) : null;
    },
    saveDisplay(wall: WallDisplay): void {
      upsertDisplay.run({ id: wall.config.id, config: JSON.stringify(wall.config), override: JSON.stringify(wall.override), at: wall.updatedAt });
    },
    deleteDisplay(id: string): boolean {
      return deleteDisplay.run(id).changes > 0;
    },
    addWatchdogEvent(event: Omit<WatchdogEvent, 'id'>): number {
      return Number(insertEvent.run(event).lastInsertRowid);
    },
    watchdogEvents(limit: number): WatchdogEvent[] {
      return (
        events.all(limit) as Array<{
          id: number;
          at: number;
          display_id: string | null;
          view: string;
          heap_used_mb: number;
          limit_mb: number;
          uptime_minutes: number;
        }>
      ).map((r) => ({
        id: r.id,
        at: r.at,
        displayId: r.display_id,
        view: r.view,
        heapUsedMb: r.heap_used_mb,
        limitMb: r.limit_mb,
        uptimeMinutes: r.uptime_minutes,
      }));
    },
  };
}
