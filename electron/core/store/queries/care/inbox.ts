/** The inbox's filtered, sorted and paged lists, and the candidates of its text search. */
import type { Statement } from 'better-sqlite3';
import type { ConversationStatus } from '@shared/domain/care';
import type { Db } from '../../database';
import { toConversation, type ConversationRow, type StoredConversation } from './rows';

export interface InboxFilter {
  statuses: ConversationStatus[];
  assignee?: string | null | undefined;
  topicId?: number | undefined;
  sourceId?: string | undefined;
  platform?: string | undefined;
  sentiment?: string | undefined;
  emotion?: string | undefined;
  intent?: string | undefined;
  segment?: string | undefined;
  lang?: string | undefined;
  /** true: only conversations that need a reply; false: only those that do not. */
  needsReply?: boolean | undefined;
  /** Conversation ids to keep (the text search), or undefined for no restriction. */
  ids?: number[] | undefined;
  /** The search that gave `ids` matched more posts than it read: `ids` holds the conversations of the newest matches only. */
  searchCapped?: boolean | undefined;
}

export type InboxSort = 'urgency' | 'newest' | 'waiting';

const SORTS: Record<InboxSort, { column: string; dir: 'DESC' | 'ASC' }> = {
  urgency: { column: 'c.urgency', dir: 'DESC' },
  newest: { column: 'c.last_activity_at', dir: 'DESC' },
  waiting: { column: 'COALESCE(c.waiting_since, 9007199254740991)', dir: 'ASC' },
};

function whereOf(filter: InboxFilter): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const statuses = filter.statuses;
  const openOnly = statuses.length > 0 && !statuses.includes('resolved');
  // Stated this way the planner can use the partial "open" index.
  if (openOnly) clauses.push(`c.status <> 'resolved'`);
  if (statuses.length > 0 && statuses.length < 5) {
    clauses.push(`c.status IN (${statuses.map(() => '?').join(', ')})`);
    params.push(...statuses);
  }
  if (filter.assignee === null) clauses.push('c.assignee IS NULL');
  else if (filter.assignee !== undefined) {
    clauses.push('c.assignee = ?');
    params.push(filter.assignee);
  }
  if (filter.topicId !== undefined) {
    clauses.push('EXISTS (SELECT 1 FROM json_each(c.topic_ids) WHERE value = ?)');
    params.push(filter.topicId);
  }
  if (filter.intent !== undefined) {
    clauses.push('EXISTS (SELECT 1 FROM json_each(c.intents) WHERE value = ?)');
    params.push(filter.intent);
  }
  for (const [column, value] of [
    ['c.source_id', filter.sourceId],
    ['c.platform', filter.platform],
    ['c.sentiment', filter.sentiment],
    ['c.segment', filter.segment],
  ] as const) {
    if (value !== undefined) {
      clauses.push(`${column} = ?`);
      params.push(value);
    }
  }
  if (filter.emotion !== undefined) {
    clauses.push('c.id IN (SELECT cm.conversation_id FROM care_conversation_mentions cm JOIN mentions m ON m.id = cm.mention_id WHERE m.emotion = ?)');
    params.push(filter.emotion);
  }
  if (filter.needsReply !== undefined) {
    clauses.push('c.needs_reply = ?');
    params.push(filter.needsReply ? 1 : 0);
  }
  if (filter.lang !== undefined) {
    clauses.push(`(c.lang = ? OR c.lang LIKE ? || '-%')`);
    params.push(filter.lang, filter.lang);
  }
  if (filter.ids !== undefined) {
    clauses.push('c.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.ids));
  }
  return { clauses, params };
}

export function inboxQueries(db: Db) {
  // A filter's SQL depends on which fields it sets, so each distinct shape is prepared once and kept.
  const listCache = new Map<string, Statement<unknown[]>>();
  function prepared(sql: string) {
    let stmt = listCache.get(sql);
    if (!stmt) {
      stmt = db.prepare<unknown[]>(sql);
      listCache.set(sql, stmt);
    }
    return stmt;
  }

  const matching = db.prepare<[string, number], { mentionId: number; conversationId: number | null }>(
    `SELECT f.rowid AS mentionId, cm.conversation_id AS conversationId
     FROM (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f
     LEFT JOIN care_conversation_mentions cm ON cm.mention_id = f.rowid`,
  );

  return {
    list(filter: InboxFilter, sort: InboxSort, after: { key: number; id: number } | null, limit: number): StoredConversation[] {
      const { clauses, params } = whereOf(filter);
      const s = SORTS[sort];
      if (after) {
        const cmp = s.dir === 'DESC' ? '<' : '>';
        clauses.push(`(${s.column} ${cmp} ? OR (${s.column} = ? AND c.id < ?))`);
        params.push(after.key, after.key, after.id);
      }
      const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
      const sql = `SELECT c.* FROM care_conversations c ${where} ORDER BY ${s.column} ${s.dir}, c.id DESC LIMIT ?`;
      return (prepared(sql).all(...params, limit) as ConversationRow[]).map(toConversation);
    },
    count(filter: InboxFilter): number {
      const { clauses, params } = whereOf(filter);
      const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
      return prepared(`SELECT COUNT(*) FROM care_conversations c ${where}`)
        .pluck()
        .get(...params) as number;
    },
    sortKey(c: StoredConversation, sort: InboxSort): number {
      if (sort === 'urgency') return c.urgency;
      if (sort === 'newest') return c.lastActivityAt;
      return c.waitingSince ?? Number.MAX_SAFE_INTEGER;
    },

    /**
     * The conversations of the newest `limit` posts matching an FTS5 expression, and whether more
     * posts matched. FTS5 hands matches out newest (highest rowid) first, so this reads `limit`
     * postings and as many primary-key look-ups, however common the words are.
     */
    conversationsMatching(ftsMatch: string, limit: number): { ids: number[]; capped: boolean } {
      const rows = matching.all(ftsMatch, limit + 1);
      const ids = new Set<number>();
      for (let i = 0; i < Math.min(rows.length, limit); i++) if (rows[i]!.conversationId !== null) ids.add(rows[i]!.conversationId!);
      return { ids: [...ids], capped: rows.length > limit };
    },

    /** Posts in conversations, newest first, optionally narrowed by an FTS5 expression: the inbox search's candidates. */
    searchCandidates(
      ftsMatch: string | null,
      limit: number,
    ): { conversationId: number; text: string; authorHandle: string; lang: string | null; sourceId: string; url: string | null; platform: string }[] {
      const columns = 'cm.conversation_id AS conversationId, m.text, m.author_handle AS authorHandle, m.lang, m.source_id AS sourceId, m.url, m.platform';
      if (ftsMatch === null) {
        return prepared(`SELECT ${columns} FROM care_conversation_mentions cm JOIN mentions m ON m.id = cm.mention_id ORDER BY cm.mention_id DESC LIMIT ?`).all(
          limit,
        ) as never;
      }
      return prepared(
        `SELECT ${columns} FROM mentions_fts f JOIN care_conversation_mentions cm ON cm.mention_id = f.rowid JOIN mentions m ON m.id = f.rowid WHERE mentions_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`,
      ).all(ftsMatch, limit) as never;
    },
  };
}
