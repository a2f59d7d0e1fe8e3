import type { Db } from '../database';

export type SettingsQueries = ReturnType<typeof settingsQueries>;

/** Small JSON documents by key; callers validate what they read back. */
export function settingsQueries(db: Db) {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    get(key: string): unknown {
      const raw = get.get(key) as string | undefined;
      return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
    },
    set(key: string, value: unknown): void {
      set.run(key, JSON.stringify(value));
    },
  };
}
