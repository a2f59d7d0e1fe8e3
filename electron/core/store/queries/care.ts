/**
 * Care's tables: conversations and their mentions, the append-only history, team, routing rules,
 * templates, replies, accounts (secret references only) and CRM customers.
 */
import type {
  Agent,
  AgentRole,
  CareAccount,
  CareReply,
  ConversationEvent,
  ConversationStatus,
  ConversationSummary,
  Customer,
  PrivateChannel,
  ReplyTemplate,
  RoutingMatch,
  RoutingRule,
  Team,
} from '../../../../shared/domain/care';
import type { MentionSentiment, Platform } from '../../../../shared/domain/mention';
import type { KpiConversation } from '../../../../shared/logic/care/kpis';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';

interface ConversationRow {
  id: number;
  status: string;
  assignee: string | null;
  team_id: number | null;
  platform: string;
  source_id: string;
  author_key: string;
  author_handle: string;
  author_name: string | null;
  preview: string;
  urgency: number;
  sentiment: string;
  sentiment_first: number | null;
  sentiment_last: number | null;
  clout: number;
  lang: string | null;
  intents: string;
  topic_ids: string;
  tags: string;
  segment: string | null;
  mention_count: number;
  opened_at: number;
  last_activity_at: number;
  waiting_since: number | null;
  waiting_mention_id: number | null;
  first_response_at: number | null;
  resolved_at: number | null;
  resolution: string | null;
  private_channel: string | null;
  customer_id: number | null;
  csat: number | null;
  nps: number | null;
}

interface CandidateRow {
  id: number;
  status: string;
  topic_ids: string;
  intents: string;
  last_activity_at: number;
}

export interface GroupingRow {
  id: number;
  status: ConversationStatus;
  topicIds: number[];
  intents: string[];
  lastActivityAt: number;
}

function toCandidate(r: CandidateRow): GroupingRow {
  return { id: r.id, status: r.status as ConversationStatus, topicIds: JSON.parse(r.topic_ids) as number[], intents: JSON.parse(r.intents) as string[], lastActivityAt: r.last_activity_at };
}

interface KpiRow {
  opened_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  resolution: string | null;
  sentiment_first: number | null;
  sentiment_last: number | null;
  csat: number | null;
  nps: number | null;
  assignee: string | null;
  team_id: number | null;
}

export type StoredConversation = ConversationSummary & {
  authorKey: string;
  sentimentFirst: number | null;
  sentimentLast: number | null;
  waitingMentionId: number | null;
  csat: number | null;
  nps: number | null;
};

function toConversation(r: ConversationRow): StoredConversation {
  return {
    id: r.id,
    status: r.status as ConversationStatus,
    assignee: r.assignee,
    teamId: r.team_id,
    platform: r.platform as Platform,
    sourceId: r.source_id,
    authorKey: r.author_key,
    authorHandle: r.author_handle,
    authorName: r.author_name,
    preview: r.preview,
    urgency: r.urgency,
    sentiment: r.sentiment as MentionSentiment,
    sentimentFirst: r.sentiment_first,
    sentimentLast: r.sentiment_last,
    clout: r.clout,
    lang: r.lang,
    intents: JSON.parse(r.intents) as string[],
    topicIds: JSON.parse(r.topic_ids) as number[],
    tags: JSON.parse(r.tags) as string[],
    segment: r.segment,
    mentionCount: r.mention_count,
    openedAt: r.opened_at,
    lastActivityAt: r.last_activity_at,
    waitingSince: r.waiting_since,
    waitingMentionId: r.waiting_mention_id,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution as 'public' | 'private' | null,
    privateChannel: r.private_channel as PrivateChannel | null,
    customerId: r.customer_id,
    csat: r.csat,
    nps: r.nps,
  };
}

/** The public shape, without the fields only the core uses. */
export function toSummary(c: StoredConversation): ConversationSummary {
  const { authorKey: _k, sentimentFirst: _f, sentimentLast: _l, waitingMentionId: _w, csat: _c, nps: _n, ...summary } = c;
  return summary;
}

export interface NewConversation {
  platform: Platform;
  sourceId: string;
  authorKey: string;
  authorHandle: string;
  authorName: string | null;
  preview: string;
  urgency: number;
  sentiment: MentionSentiment;
  sentimentScore: number | null;
  clout: number;
  lang: string | null;
  intents: string[];
  topicIds: number[];
  segment: string | null;
  openedAt: number;
  mentionId: number;
  customerId: number | null;
}

export interface InboxFilter {
  statuses: ConversationStatus[];
  assignee?: string | null | undefined;
  topicId?: number | undefined;
  sourceId?: string | undefined;
  platform?: string | undefined;
  sentiment?: string | undefined;
  intent?: string | undefined;
  segment?: string | undefined;
  lang?: string | undefined;
  /** An FTS5 expression over the conversation's mentions (already safe to pass to MATCH). */
  ftsMatch?: string | undefined;
  /** Conversation ids to keep (the topic-query search), or undefined for no restriction. */
  ids?: number[] | undefined;
}

export type InboxSort = 'urgency' | 'newest' | 'waiting';

interface ReplyRow {
  id: number;
  conversation_id: number;
  author: string;
  text: string;
  template_id: number | null;
  channel: string;
  account_id: number | null;
  reply_to_mention_id: number | null;
  status: string;
  approved_by: string | null;
  external_id: string | null;
  external_url: string | null;
  platform: string | null;
  error: string | null;
  created_at: number;
  sent_at: number | null;
}

function toReply(r: ReplyRow): CareReply & { replyToMentionId: number | null } {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    author: r.author,
    text: r.text,
    templateId: r.template_id,
    channel: r.channel as CareReply['channel'],
    accountId: r.account_id,
    status: r.status as CareReply['status'],
    approvedBy: r.approved_by,
    externalId: r.external_id,
    externalUrl: r.external_url,
    error: r.error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    replyToMentionId: r.reply_to_mention_id,
  };
}

export type StoredReply = ReturnType<typeof toReply>;

interface CustomerRow {
  id: number;
  crm_id: string;
  name: string;
  lifetime_value: number;
  tier: string;
  notes: string;
  imported_at: number;
  handles: string | null;
}

export type CustomerRecord = Omit<Customer, 'brandScore'>;

function toCustomer(r: CustomerRow): CustomerRecord {
  return {
    id: r.id,
    crmId: r.crm_id,
    name: r.name,
    handles: r.handles ? (JSON.parse(r.handles) as string[]).sort() : [],
    lifetimeValue: r.lifetime_value,
    tier: r.tier,
    notes: r.notes,
    importedAt: r.imported_at,
  };
}

const CUSTOMER_COLUMNS = `c.*, (SELECT json_group_array(handle) FROM care_customer_handles h WHERE h.customer_id = c.id) AS handles`;

export type CareQueries = ReturnType<typeof careQueries>;

export function careQueries(db: Db) {
  const getConversation = db.prepare<[number], ConversationRow>('SELECT * FROM care_conversations WHERE id = ?');
  const insertConversation = db.prepare(`
    INSERT INTO care_conversations (status, platform, source_id, author_key, author_handle, author_name, preview, urgency,
      sentiment, sentiment_first, sentiment_last, clout, lang, intents, topic_ids, segment, mention_count, opened_at,
      last_activity_at, waiting_since, waiting_mention_id, customer_id)
    VALUES ('new', @platform, @sourceId, @authorKey, @authorHandle, @authorName, @preview, @urgency,
      @sentiment, @sentimentScore, @sentimentScore, @clout, @lang, @intents, @topicIds, @segment, 1, @openedAt,
      @openedAt, @openedAt, @mentionId, @customerId)`);
  const linkMention = db.prepare('INSERT OR IGNORE INTO care_conversation_mentions (mention_id, conversation_id, platform, external_id) VALUES (?, ?, ?, ?)');
  const byExternal = db.prepare<[string, string], { conversation_id: number }>(
    'SELECT conversation_id FROM care_conversation_mentions WHERE platform = ? AND external_id = ? LIMIT 1',
  );
  const replyByExternal = db.prepare<[string, string], { conversation_id: number }>(
    'SELECT conversation_id FROM care_replies WHERE platform = ? AND external_id = ? LIMIT 1',
  );
  // Grouping reads only what it decides on: wide rows cost more to build than the look-up itself.
  const CANDIDATE_COLUMNS = 'id, status, topic_ids, intents, last_activity_at';
  const candidate = db.prepare<[number], CandidateRow>(`SELECT ${CANDIDATE_COLUMNS} FROM care_conversations WHERE id = ?`);
  const byAuthor = db.prepare<[string, number], CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS} FROM care_conversations WHERE author_key = ? AND last_activity_at >= ? ORDER BY last_activity_at DESC LIMIT 20`,
  );
  const addToConversation = db.prepare(`
    UPDATE care_conversations SET
      mention_count = mention_count + 1,
      preview = CASE WHEN @publishedAt >= last_activity_at THEN @preview ELSE preview END,
      sentiment = CASE WHEN @publishedAt >= last_activity_at THEN @sentiment ELSE sentiment END,
      sentiment_last = CASE WHEN @publishedAt >= last_activity_at AND @sentimentScore IS NOT NULL THEN @sentimentScore ELSE sentiment_last END,
      last_activity_at = MAX(last_activity_at, @publishedAt),
      urgency = MAX(urgency, @urgency),
      clout = MAX(clout, @clout),
      lang = COALESCE(lang, @lang),
      intents = @intents,
      topic_ids = @topicIds,
      segment = COALESCE(@segment, segment),
      waiting_since = COALESCE(waiting_since, @publishedAt),
      waiting_mention_id = COALESCE(waiting_mention_id, @mentionId),
      status = CASE WHEN @reopen = 1 THEN 'new' WHEN status = 'waiting-on-customer' THEN CASE WHEN assignee IS NULL THEN 'new' ELSE 'assigned' END ELSE status END,
      resolved_at = CASE WHEN @reopen = 1 THEN NULL ELSE resolved_at END,
      resolution = CASE WHEN @reopen = 1 THEN NULL ELSE resolution END
    WHERE id = @id`);
  const insertEvent = db.prepare('INSERT INTO care_events (conversation_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)');
  const events = db.prepare<[number], { id: number; conversation_id: number; at: number; actor: string; kind: string; detail: string }>(
    'SELECT * FROM care_events WHERE conversation_id = ? ORDER BY id',
  );
  const mentionIds = db.prepare<[number], { mention_id: number }>('SELECT mention_id FROM care_conversation_mentions WHERE conversation_id = ? ORDER BY mention_id');
  /** The one atomic claim: succeeds only when nobody else holds the conversation. */
  const claim = db.prepare(`
    UPDATE care_conversations SET assignee = @agent,
      status = CASE WHEN status IN ('new', 'waiting-on-customer') THEN 'assigned' ELSE status END
    WHERE id = @id AND status <> 'resolved' AND (assignee IS NULL OR assignee = @agent)`);
  const setAssignee = db.prepare('UPDATE care_conversations SET assignee = ?, team_id = COALESCE(?, team_id), status = ? WHERE id = ?');
  const setStatus = db.prepare('UPDATE care_conversations SET status = ? WHERE id = ?');
  const setTags = db.prepare('UPDATE care_conversations SET tags = ? WHERE id = ?');
  const markResponded = db.prepare(`
    UPDATE care_conversations SET first_response_at = COALESCE(first_response_at, @at), waiting_since = NULL, waiting_mention_id = NULL,
      status = CASE WHEN status IN ('new', 'assigned') THEN 'waiting-on-customer' ELSE status END
    WHERE id = @id`);
  const markPrivate = db.prepare(`
    UPDATE care_conversations SET private_channel = @channel, first_response_at = COALESCE(first_response_at, @at),
      waiting_since = NULL, waiting_mention_id = NULL WHERE id = @id`);
  const resolve = db.prepare(`
    UPDATE care_conversations SET status = 'resolved', resolved_at = @at,
      resolution = CASE WHEN private_channel IS NULL THEN 'public' ELSE 'private' END,
      waiting_since = NULL, waiting_mention_id = NULL WHERE id = @id`);
  const reopen = db.prepare(`UPDATE care_conversations SET status = CASE WHEN assignee IS NULL THEN 'new' ELSE 'assigned' END, resolved_at = NULL, resolution = NULL WHERE id = ?`);
  const setSurvey = db.prepare('UPDATE care_conversations SET csat = COALESCE(@csat, csat), nps = COALESCE(@nps, nps) WHERE id = @id');
  const waiting = db.prepare<[number], ConversationRow>('SELECT * FROM care_conversations WHERE waiting_since IS NOT NULL AND waiting_since <= ? ORDER BY waiting_since LIMIT 500');
  const forKpis = db.prepare<[number, number, number], KpiRow>(
    `SELECT opened_at, first_response_at, resolved_at, resolution, sentiment_first, sentiment_last, csat, nps, assignee, team_id
     FROM care_conversations WHERE (opened_at >= ? AND opened_at < ?) OR (status <> 'resolved' AND opened_at < ?)`,
  );
  const loads = db.prepare<[], { assignee: string; n: number }>(`SELECT assignee, COUNT(*) AS n FROM care_conversations WHERE status <> 'resolved' AND assignee IS NOT NULL GROUP BY assignee`);
  const byCustomer = db.prepare<[number], ConversationRow>('SELECT * FROM care_conversations WHERE customer_id = ? ORDER BY last_activity_at DESC LIMIT 200');
  const byAuthorKeyAll = db.prepare<[string], ConversationRow>('SELECT * FROM care_conversations WHERE author_key = ? ORDER BY last_activity_at DESC LIMIT 200');

  const customerIdByHandle = db.prepare('SELECT customer_id FROM care_customer_handles WHERE handle = ?').pluck();
  const ruleLastAgent = db.prepare('SELECT last_agent FROM care_routing_rules WHERE id = ?').pluck();
  const setRuleLastAgent = db.prepare('UPDATE care_routing_rules SET last_agent = ? WHERE id = ?');
  const listCache = new Map<string, Statement<unknown[]>>();
  function prepared(sql: string) {
    let stmt = listCache.get(sql);
    if (!stmt) {
      stmt = db.prepare<unknown[]>(sql);
      listCache.set(sql, stmt);
    }
    return stmt;
  }

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
    if (filter.lang !== undefined) {
      clauses.push(`(c.lang = ? OR c.lang LIKE ? || '-%')`);
      params.push(filter.lang, filter.lang);
    }
    if (filter.ftsMatch !== undefined) {
      clauses.push('c.id IN (SELECT cm.conversation_id FROM mentions_fts f JOIN care_conversation_mentions cm ON cm.mention_id = f.rowid WHERE mentions_fts MATCH ?)');
      params.push(filter.ftsMatch);
    }
    if (filter.ids !== undefined) {
      clauses.push('c.id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.ids));
    }
    return { clauses, params };
  }

  const SORTS: Record<InboxSort, { column: string; dir: 'DESC' | 'ASC' }> = {
    urgency: { column: 'c.urgency', dir: 'DESC' },
    newest: { column: 'c.last_activity_at', dir: 'DESC' },
    waiting: { column: 'COALESCE(c.waiting_since, 9007199254740991)', dir: 'ASC' },
  };

  return {
    get(id: number): StoredConversation | null {
      const row = getConversation.get(id);
      return row ? toConversation(row) : null;
    },
    create(c: NewConversation): number {
      const info = insertConversation.run({
        ...c,
        intents: JSON.stringify(c.intents),
        topicIds: JSON.stringify(c.topicIds),
      });
      return Number(info.lastInsertRowid);
    },
    linkMention(mentionId: number, conversationId: number, platform: string, externalId: string): void {
      linkMention.run(mentionId, conversationId, platform, externalId);
    },
    /** The conversation holding the post (or our reply) with this platform id, if any. */
    findByExternalId(platform: string, externalId: string): number | null {
      return byExternal.get(platform, externalId)?.conversation_id ?? replyByExternal.get(platform, externalId)?.conversation_id ?? null;
    },
    /** The grouping candidate with this id (only the fields grouping decides on). */
    candidate(id: number): GroupingRow | null {
      const row = candidate.get(id);
      return row ? toCandidate(row) : null;
    },
    recentByAuthor(authorKey: string, since: number): GroupingRow[] {
      return byAuthor.all(authorKey, since).map(toCandidate);
    },
    byAuthorKey(authorKey: string): StoredConversation[] {
      return byAuthorKeyAll.all(authorKey).map(toConversation);
    },
    byCustomer(customerId: number): StoredConversation[] {
      return byCustomer.all(customerId).map(toConversation);
    },
    addMention(p: {
      id: number;
      mentionId: number;
      publishedAt: number;
      preview: string;
      sentiment: MentionSentiment;
      sentimentScore: number | null;
      urgency: number;
      clout: number;
      lang: string | null;
      intents: string[];
      topicIds: number[];
      segment: string | null;
      reopen: boolean;
    }): void {
      addToConversation.run({ ...p, intents: JSON.stringify(p.intents), topicIds: JSON.stringify(p.topicIds), reopen: p.reopen ? 1 : 0 });
    },
    addEvent(conversationId: number, at: number, actor: string, kind: string, detail: string): void {
      insertEvent.run(conversationId, at, actor, kind, detail);
    },
    events(conversationId: number): ConversationEvent[] {
      return events.all(conversationId).map((r) => ({ id: r.id, conversationId: r.conversation_id, at: r.at, actor: r.actor, kind: r.kind, detail: r.detail }));
    },
    mentionIds(conversationId: number): number[] {
      return mentionIds.all(conversationId).map((r) => r.mention_id);
    },
    claim(id: number, agent: string): boolean {
      return claim.run({ id, agent }).changes === 1;
    },
    setAssignee(id: number, agent: string | null, teamId: number | null, status: ConversationStatus): void {
      setAssignee.run(agent, teamId, status, id);
    },
    setStatus(id: number, status: ConversationStatus): void {
      setStatus.run(status, id);
    },
    setTags(id: number, tags: string[]): void {
      setTags.run(JSON.stringify(tags), id);
    },
    markResponded(id: number, at: number): void {
      markResponded.run({ id, at });
    },
    markPrivate(id: number, channel: PrivateChannel, at: number): void {
      markPrivate.run({ id, channel, at });
    },
    resolve(id: number, at: number): void {
      resolve.run({ id, at });
    },
    reopen(id: number): void {
      reopen.run(id);
    },
    setSurvey(id: number, csat: number | null, nps: number | null): void {
      setSurvey.run({ id, csat, nps });
    },
    /** Customers waiting since at or before `before`, longest first. */
    waiting(before: number): StoredConversation[] {
      return waiting.all(before).map(toConversation);
    },
    /** Conversations opened in [from, to), plus every one still open that was opened before `to`. */
    forKpis(from: number, to: number): KpiConversation[] {
      return forKpis.all(from, to, to).map((r) => ({
        openedAt: r.opened_at,
        firstResponseAt: r.first_response_at,
        resolvedAt: r.resolved_at,
        resolution: r.resolution as KpiConversation['resolution'],
        sentimentFirst: r.sentiment_first,
        sentimentLast: r.sentiment_last,
        csat: r.csat,
        nps: r.nps,
        assignee: r.assignee,
        teamId: r.team_id,
      }));
    },
    loads(): Map<string, number> {
      return new Map(loads.all().map((r) => [r.assignee, r.n]));
    },
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
      return prepared(`SELECT COUNT(*) FROM care_conversations c ${where}`).pluck().get(...params) as number;
    },
    sortKey(c: StoredConversation, sort: InboxSort): number {
      if (sort === 'urgency') return c.urgency;
      if (sort === 'newest') return c.lastActivityAt;
      return c.waitingSince ?? Number.MAX_SAFE_INTEGER;
    },

    /** Posts in conversations, newest first, optionally narrowed by an FTS5 expression: the inbox search's candidates. */
    searchCandidates(ftsMatch: string | null, limit: number): { conversationId: number; text: string; authorHandle: string; lang: string | null; sourceId: string; url: string | null; platform: string }[] {
      const columns = 'cm.conversation_id AS conversationId, m.text, m.author_handle AS authorHandle, m.lang, m.source_id AS sourceId, m.url, m.platform';
      if (ftsMatch === null) {
        return prepared(`SELECT ${columns} FROM care_conversation_mentions cm JOIN mentions m ON m.id = cm.mention_id ORDER BY cm.mention_id DESC LIMIT ?`).all(limit) as never;
      }
      return prepared(
        `SELECT ${columns} FROM mentions_fts f JOIN care_conversation_mentions cm ON cm.mention_id = f.rowid JOIN mentions m ON m.id = f.rowid WHERE mentions_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`,
      ).all(ftsMatch, limit) as never;
    },

    // Team
    teams(): Team[] {
      return db.prepare<[], Team>('SELECT id, name FROM care_teams ORDER BY name').all();
    },
    saveTeam(id: number | null, name: string): number {
      if (id === null) return Number(db.prepare('INSERT INTO care_teams (name) VALUES (?)').run(name).lastInsertRowid);
      db.prepare('UPDATE care_teams SET name = ? WHERE id = ?').run(name, id);
      return id;
    },
    teamExists(id: number): boolean {
      return db.prepare('SELECT 1 FROM care_teams WHERE id = ?').get(id) !== undefined;
    },
    agents(): Omit<Agent, 'load'>[] {
      return db
        .prepare<[], { name: string; role: string; team_id: number | null; capacity: number; active: number }>('SELECT * FROM care_agents ORDER BY name')
        .all()
        .map((r) => ({ name: r.name, role: r.role as AgentRole, teamId: r.team_id, capacity: r.capacity, active: r.active === 1 }));
    },
    saveAgent(a: Omit<Agent, 'load'>): void {
      db.prepare(
        `INSERT INTO care_agents (name, role, team_id, capacity, active) VALUES (@name, @role, @teamId, @capacity, @active)
         ON CONFLICT (name) DO UPDATE SET role = excluded.role, team_id = excluded.team_id, capacity = excluded.capacity, active = excluded.active`,
      ).run({ ...a, active: a.active ? 1 : 0 });
    },
    rules(): RoutingRule[] {
      return db
        .prepare<[], { id: number; name: string; position: number; enabled: number; match: string; strategy: string; team_id: number }>(
          'SELECT * FROM care_routing_rules ORDER BY position, id',
        )
        .all()
        .map((r) => ({ id: r.id, name: r.name, position: r.position, enabled: r.enabled === 1, match: JSON.parse(r.match) as RoutingMatch, strategy: r.strategy as RoutingRule['strategy'], teamId: r.team_id }));
    },
    saveRule(r: Omit<RoutingRule, 'id'> & { id: number | null }): number {
      const row = { ...r, enabled: r.enabled ? 1 : 0, match: JSON.stringify(r.match) };
      if (r.id === null) {
        return Number(
          db.prepare('INSERT INTO care_routing_rules (name, position, enabled, match, strategy, team_id) VALUES (@name, @position, @enabled, @match, @strategy, @teamId)').run(row)
            .lastInsertRowid,
        );
      }
      db.prepare('UPDATE care_routing_rules SET name = @name, position = @position, enabled = @enabled, match = @match, strategy = @strategy, team_id = @teamId WHERE id = @id').run(row);
      return r.id;
    },
    removeRule(id: number): boolean {
      return db.prepare('DELETE FROM care_routing_rules WHERE id = ?').run(id).changes === 1;
    },
    ruleLastAgent(id: number): string | null {
      return (ruleLastAgent.get(id) as string | null | undefined) ?? null;
    },
    setRuleLastAgent(id: number, agent: string): void {
      setRuleLastAgent.run(agent, id);
    },

    // Notes
    addNote(conversationId: number | null, customerId: number | null, author: string, text: string, at: number): void {
      db.prepare('INSERT INTO care_notes (conversation_id, customer_id, author, text, created_at) VALUES (?, ?, ?, ?, ?)').run(conversationId, customerId, author, text, at);
    },
    customerNotes(customerId: number): { author: string; text: string; createdAt: number }[] {
      return db.prepare<[number], { author: string; text: string; createdAt: number }>('SELECT author, text, created_at AS createdAt FROM care_notes WHERE customer_id = ? ORDER BY id').all(customerId);
    },

    // Templates
    templates(): ReplyTemplate[] {
      return db
        .prepare<[], { id: number; name: string; body: string; approved_by: string | null; approved_at: number | null; created_at: number }>('SELECT * FROM care_templates ORDER BY name')
        .all()
        .map((r) => ({ id: r.id, name: r.name, body: r.body, approvedBy: r.approved_by, approvedAt: r.approved_at, createdAt: r.created_at }));
    },
    template(id: number): ReplyTemplate | null {
      return this.templates().find((t) => t.id === id) ?? null;
    },
    saveTemplate(id: number | null, name: string, body: string, at: number): number {
      if (id === null) return Number(db.prepare('INSERT INTO care_templates (name, body, created_at) VALUES (?, ?, ?)').run(name, body, at).lastInsertRowid);
      // An edited template must be approved again.
      db.prepare('UPDATE care_templates SET name = ?, body = ?, approved_by = NULL, approved_at = NULL WHERE id = ?').run(name, body, id);
      return id;
    },
    approveTemplate(id: number, by: string, at: number): boolean {
      return db.prepare('UPDATE care_templates SET approved_by = ?, approved_at = ? WHERE id = ?').run(by, at, id).changes === 1;
    },

    // Accounts
    accounts(): (Omit<CareAccount, 'hasSecret'> & { secretRef: string })[] {
      return db
        .prepare<[], { id: number; platform: string; name: string; base_url: string; identifier: string; secret_ref: string }>('SELECT * FROM care_accounts ORDER BY name')
        .all()
        .map((r) => ({ id: r.id, platform: r.platform as CareAccount['platform'], name: r.name, baseUrl: r.base_url, identifier: r.identifier, secretRef: r.secret_ref }));
    },
    account(id: number) {
      return this.accounts().find((a) => a.id === id) ?? null;
    },
    saveAccount(a: { id: number | null; platform: CareAccount['platform']; name: string; baseUrl: string; identifier: string; secretRef: string }): number {
      if (a.id === null) {
        return Number(
          db.prepare('INSERT INTO care_accounts (platform, name, base_url, identifier, secret_ref) VALUES (@platform, @name, @baseUrl, @identifier, @secretRef)').run(a).lastInsertRowid,
        );
      }
      db.prepare('UPDATE care_accounts SET platform = @platform, name = @name, base_url = @baseUrl, identifier = @identifier, secret_ref = @secretRef WHERE id = @id').run(a);
      return a.id;
    },

    // Replies
    insertReply(r: { conversationId: number; author: string; text: string; templateId: number | null; channel: CareReply['channel']; accountId: number | null; replyToMentionId: number | null; status: CareReply['status']; at: number }): number {
      return Number(
        db
          .prepare(
            `INSERT INTO care_replies (conversation_id, author, text, template_id, channel, account_id, reply_to_mention_id, status, created_at)
             VALUES (@conversationId, @author, @text, @templateId, @channel, @accountId, @replyToMentionId, @status, @at)`,
          )
          .run(r).lastInsertRowid,
      );
    },
    reply(id: number): StoredReply | null {
      const row = db.prepare<[number], ReplyRow>('SELECT * FROM care_replies WHERE id = ?').get(id);
      return row ? toReply(row) : null;
    },
    replies(conversationId: number): StoredReply[] {
      return db.prepare<[number], ReplyRow>('SELECT * FROM care_replies WHERE conversation_id = ? ORDER BY id').all(conversationId).map(toReply);
    },
    updateReply(id: number, patch: { status: CareReply['status']; approvedBy?: string | null; externalId?: string | null; externalUrl?: string | null; platform?: string | null; error?: string | null; sentAt?: number | null }): void {
      db.prepare(
        `UPDATE care_replies SET status = @status, approved_by = COALESCE(@approvedBy, approved_by), external_id = COALESCE(@externalId, external_id),
           external_url = COALESCE(@externalUrl, external_url), platform = COALESCE(@platform, platform), error = @error, sent_at = COALESCE(@sentAt, sent_at) WHERE id = @id`,
      ).run({ id, status: patch.status, approvedBy: patch.approvedBy ?? null, externalId: patch.externalId ?? null, externalUrl: patch.externalUrl ?? null, platform: patch.platform ?? null, error: patch.error ?? null, sentAt: patch.sentAt ?? null });
    },

    // Customers
    customer(id: number): CustomerRecord | null {
      const row = db.prepare<[number], CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM care_customers c WHERE c.id = ?`).get(id);
      return row ? toCustomer(row) : null;
    },
    customerByHandle(handle: string): CustomerRecord | null {
      const id = db.prepare('SELECT customer_id FROM care_customer_handles WHERE handle = ?').pluck().get(handle) as number | undefined;
      return id === undefined ? null : this.customer(id);
    },
    customerIdByHandle(handle: string): number | null {
      return (customerIdByHandle.get(handle) as number | undefined) ?? null;
    },
    customers(limit: number): CustomerRecord[] {
      return db.prepare<[number], CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM care_customers c ORDER BY c.lifetime_value DESC, c.id LIMIT ?`).all(limit).map(toCustomer);
    },
    upsertCustomer(c: { crmId: string; name: string; lifetimeValue: number; tier: string; at: number }): number {
      db.prepare(
        `INSERT INTO care_customers (crm_id, name, lifetime_value, tier, imported_at) VALUES (@crmId, @name, @lifetimeValue, @tier, @at)
         ON CONFLICT (crm_id) DO UPDATE SET name = excluded.name, lifetime_value = excluded.lifetime_value, tier = excluded.tier, imported_at = excluded.imported_at`,
      ).run(c);
      return db.prepare('SELECT id FROM care_customers WHERE crm_id = ?').pluck().get(c.crmId) as number;
    },
    setCustomerHandle(handle: string, customerId: number): void {
      db.prepare('INSERT INTO care_customer_handles (handle, customer_id) VALUES (?, ?) ON CONFLICT (handle) DO UPDATE SET customer_id = excluded.customer_id').run(handle, customerId);
    },
    /** Links every conversation to the CRM customer holding its author's handle (one pass after an import). */
    relinkCustomers(): number {
      return db
        .prepare(
          `UPDATE care_conversations SET customer_id = (SELECT h.customer_id FROM care_customer_handles h WHERE h.handle = substr(author_key, instr(author_key, ':') + 1))
           WHERE customer_id IS NOT (SELECT h.customer_id FROM care_customer_handles h WHERE h.handle = substr(author_key, instr(author_key, ':') + 1))`,
        )
        .run().changes;
    },
  };
}
