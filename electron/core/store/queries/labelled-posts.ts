/** A workspace's labelled posts (migration 019), the examples its sentiment adaptation learns from. */
import type { SentimentLabel } from '@shared/domain/mention';
import type { Db } from '../database';

export interface LabelledPost {
  text: string;
  label: SentimentLabel;
}

export interface LabelledSetSummary {
  name: string;
  posts: number;
  negative: number;
  neutral: number;
  positive: number;
  addedBy: string;
  /** When the set's newest post was added. */
  addedAt: number;
}

export type LabelledPostQueries = ReturnType<typeof labelledPostQueries>;

export function labelledPostQueries(db: Db) {
  const insert = db.prepare('INSERT INTO labelled_posts (set_name, text, label, added_by, added_at) VALUES (?, ?, ?, ?, ?)');
  const all = db.prepare('SELECT text, label FROM labelled_posts ORDER BY id');
  const summary = db.prepare(`
    SELECT set_name AS name, COUNT(*) AS posts,
      SUM(label = 'negative') AS negative, SUM(label = 'neutral') AS neutral, SUM(label = 'positive') AS positive,
      MAX(added_by) AS addedBy, MAX(added_at) AS addedAt
    FROM labelled_posts GROUP BY set_name ORDER BY MIN(id)`);
  const removeSet = db.prepare('DELETE FROM labelled_posts WHERE set_name = ?');

  return {
    /** Appends posts to a set (in one transaction, so a failed batch adds nothing). */
    add(setName: string, posts: readonly LabelledPost[], by: string, at: number): number {
      db.transaction(() => {
        for (const p of posts) insert.run(setName, p.text, p.label, by, at);
      })();
      return posts.length;
    },
    /** Every labelled post, oldest first: the order adaptation learns in. */
    all(): LabelledPost[] {
      return all.all() as LabelledPost[];
    },
    sets(): LabelledSetSummary[] {
      return summary.all() as LabelledSetSummary[];
    },
    /** Removes a set; returns how many posts it held. */
    removeSet(setName: string): number {
      return removeSet.run(setName).changes;
    },
  };
}
