/** Saved responses, which a lead or reviewer must approve before they can be used. */
import type { ReplyTemplate } from '@shared/domain/care';
import type { Db } from '../../database';

interface TemplateRow {
  id: number;
  name: string;
  body: string;
  approved_by: string | null;
  approved_at: number | null;
  created_at: number;
}

export function templateQueries(db: Db) {
  const all = db.prepare<[], TemplateRow>('SELECT * FROM care_templates ORDER BY name');
  const insert = db.prepare('INSERT INTO care_templates (name, body, created_at) VALUES (?, ?, ?)');
  // An edited template must be approved again.
  const update = db.prepare('UPDATE care_templates SET name = ?, body = ?, approved_by = NULL, approved_at = NULL WHERE id = ?');
  const approve = db.prepare('UPDATE care_templates SET approved_by = ?, approved_at = ? WHERE id = ?');

  function templates(): ReplyTemplate[] {
    return all.all().map((r) => ({ id: r.id, name: r.name, body: r.body, approvedBy: r.approved_by, approvedAt: r.approved_at, createdAt: r.created_at }));
  }

  return {
    templates,
    template(id: number): ReplyTemplate | null {
      return templates().find((t) => t.id === id) ?? null;
    },
    saveTemplate(id: number | null, name: string, body: string, at: number): number {
      if (id === null) return Number(insert.run(name, body, at).lastInsertRowid);
      update.run(name, body, id);
      return id;
    },
    approveTemplate(id: number, by: string, at: number): boolean {
      return approve.run(by, at, id).changes === 1;
    },
  };
}
