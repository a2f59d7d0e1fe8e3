/** Saved inbox views: one person's own (owner = their name) and the team's shared ones (owner NULL). */
import type { Db } from '../../database';

export interface SavedViewRow {
  id: number;
  name: string;
  owner: string | null;
  filter: string;
  sort: string;
  created_by: string;
  created_at: number;
}

export function viewQueries(db: Db) {
  const visible = db.prepare<[string], SavedViewRow>('SELECT * FROM care_saved_views WHERE owner IS NULL OR owner = ? ORDER BY owner IS NOT NULL, name');
  const byId = db.prepare<[number], SavedViewRow>('SELECT * FROM care_saved_views WHERE id = ?');
  // Saving under an existing name replaces that view (same owner, or both shared).
  const upsert = db.prepare(`
    INSERT INTO care_saved_views (name, owner, filter, sort, created_by, created_at) VALUES (@name, @owner, @filter, @sort, @by, @at)
    ON CONFLICT (COALESCE(owner, ''), name) DO UPDATE SET filter = excluded.filter, sort = excluded.sort, created_by = excluded.created_by, created_at = excluded.created_at`);
  const remove = db.prepare('DELETE FROM care_saved_views WHERE id = ?');
  return {
    visibleViews(person: string): SavedViewRow[] {
      return visible.all(person);
    },
    savedView(id: number): SavedViewRow | null {
      return byId.get(id) ?? null;
    },
    saveView(v: { name: string; owner: string | null; filter: string; sort: string; by: string; at: number }): void {
      upsert.run(v);
    },
    removeView(id: number): void {
      remove.run(id);
    },
  };
}
