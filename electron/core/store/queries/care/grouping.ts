/**
 * Grouping's reads and writes, run inside the ingest transaction: which conversations a batch's
 * posts may belong to (one look-up per batch, not per post), opening a conversation, adding a
 * batch's posts to one, and linking posts to their conversations.
 */
import type { ConversationStatus } from '@shared/domain/care';
import type { MentionSentiment, Platform } from '@shared/domain/mention';
import type { Db } from '../../database';

interface CandidateRow {
  id: number;
  status: string;
  assignee: string | null;
  author_key: string;
  topic_ids: string;
  intents: string;
  last_activity_at: number;
  urgency: number;
  waiting_since: number | null;
}

/** A conversation as grouping sees it: what it decides on, and what it needs to follow its changes. */
export interface GroupingRow {
  id: number;
  status: ConversationStatus;
  assignee: string | null;
  authorKey: string;
  topicIds: number[];
  intents: string[];
  lastActivityAt: number;
  urgency: number;
  waitingSince: number | null;
}

function toCandidate(r: CandidateRow): GroupingRow {
  return {
    id: r.id,
    status: r.status as ConversationStatus,
    assignee: r.assignee,
    authorKey: r.author_key,
    topicIds: JSON.parse(r.topic_ids) as number[],
    intents: JSON.parse(r.intents) as string[],
    lastActivityAt: r.last_activity_at,
    urgency: r.urgency,
    waitingSince: r.waiting_since,
  };
}

/** Where the post a reply answers lives: a conversation holding that post, or one holding our reply with that id. */
export interface ReplyParent {
  platform: string;
  externalId: string;
  /** The conversation holding the post (the first stored with that id), if stored before this batch. */
  linked: number | null;
  /** The conversation holding our reply with that platform id, if any. */
  replied: number | null;
}

/**
 * Everything one batch adds to one existing conversation, written as one UPDATE. Posts are grouped
 * in publication order, so this gives the row that adding them one by one would: the latest post
 * sets the preview and sentiment (unless older than the conversation's last activity), the latest
 * scored post the last sentiment score, the first post the waiting time, and so on.
 */
export interface ConversationJoin {
  id: number;
  count: number;
  /** The latest post's. */
  publishedAt: number;
  preview: string;
  sentiment: MentionSentiment;
  /** The latest post with a sentiment score (null: none had one). */
  scoredAt: number | null;
  sentimentScore: number | null;
  /** The first post's: the customer has been waiting since then unless already waiting. */
  firstAt: number;
  firstMentionId: number;
  urgency: number;
  clout: number;
  /** The first language that is not null. */
  lang: string | null;
  intents: string[];
  topicIds: number[];
  /** The latest author segment that is not null. */
  segment: string | null;
  reopen: boolean;
  /** Set when one of the batch's posts needs a reply: the conversation then does too, for that post's reason. */
  needsReply: { reason: string; since: number } | null;
  /** The conversation's indexed fields before this batch's posts joined it (an UPDATE leaves unchanged ones out of its SET, sparing their indexes). */
  before: { lastActivityAt: number; urgency: number; waitingSince: number | null; status: ConversationStatus };
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
  needsReply: boolean;
  triageReason: string;
  /** The heard time of the post that made it need a reply; null when it does not. */
  needsReplySince: number | null;
}

/** Links per INSERT statement. */
const LINK_ROWS = 100;

export function groupingQueries(db: Db) {
  const insertConversation = db.prepare(`
    INSERT INTO care_conversations (status, platform, source_id, author_key, author_handle, author_name, preview, urgency,
      sentiment, sentiment_first, sentiment_last, clout, lang, intents, topic_ids, segment, mention_count, opened_at,
      last_activity_at, waiting_since, waiting_mention_id, customer_id, needs_reply, triage_reason, needs_reply_since)
    VALUES ('new', @platform, @sourceId, @authorKey, @authorHandle, @authorName, @preview, @urgency,
      @sentiment, @sentimentScore, @sentimentScore, @clout, @lang, @intents, @topicIds, @segment, 1, @openedAt,
      @openedAt, @openedAt, @mentionId, @customerId, @needsReply, @triageReason, @needsReplySince)`);
  // A batch's links, LINK_ROWS rows per statement (prepared once per size, parameters reused).
  const linkStatements = new Map<number, ReturnType<Db['prepare']>>();
  const linkParams = new Map<number, unknown[]>();
  const linkStatement = (rows: number) => {
    let statement = linkStatements.get(rows);
    if (!statement) {
      statement = db.prepare(
        `INSERT OR IGNORE INTO care_conversation_mentions (mention_id, conversation_id, platform, external_id) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?)').join(', ')}`,
      );
      linkStatements.set(rows, statement);
    }
    return statement;
  };
  // The posts a batch's replies answer, in one statement, through the two external-id indexes.
  const replyParents = db.prepare<[string], ReplyParent>(`
    SELECT j.value ->> 0 AS platform, j.value ->> 1 AS externalId,
      (SELECT m.conversation_id FROM care_conversation_mentions m WHERE m.platform = j.value ->> 0 AND m.external_id = j.value ->> 1 LIMIT 1) AS linked,
      (SELECT r.conversation_id FROM care_replies r WHERE r.platform = j.value ->> 0 AND r.external_id = j.value ->> 1 LIMIT 1) AS replied
    FROM json_each(?) j`);
  // Grouping reads only what it decides on: wide rows cost more to build than the look-up itself.
  const CANDIDATE_COLUMNS = 'c.id, c.status, c.assignee, c.author_key, c.topic_ids, c.intents, c.last_activity_at, c.urgency, c.waiting_since';
  const byIds = db.prepare<[string], CandidateRow>(`SELECT ${CANDIDATE_COLUMNS} FROM json_each(?) j JOIN care_conversations c ON c.id = j.value`);
  // Per [author key, since]: the author's conversations active since then (care_conversations_by_author).
  const byAuthors = db.prepare<[string], CandidateRow>(
    `SELECT ${CANDIDATE_COLUMNS} FROM json_each(?) j JOIN care_conversations c ON c.author_key = j.value ->> 0 AND c.last_activity_at >= j.value ->> 1`,
  );
  // SQLite rewrites the entries of every index on a column named in the SET, changed or not, and
  // the inbox keeps six: an UPDATE names an indexed column only when its value will change.
  const JOIN_SETS = {
    lastActivity: 'last_activity_at = MAX(last_activity_at, @publishedAt)',
    urgency: 'urgency = MAX(urgency, @urgency)',
    waiting: 'waiting_since = COALESCE(waiting_since, @firstAt)',
    status:
      "status = CASE WHEN @reopen = 1 THEN 'new' WHEN status = 'waiting-on-customer' THEN CASE WHEN assignee IS NULL THEN 'new' ELSE 'assigned' END ELSE status END",
  } as const;
  type JoinSet = keyof typeof JOIN_SETS;
  const joinStatements = new Map<string, ReturnType<Db['prepare']>>();
  const joinStatement = (sets: readonly JoinSet[]) => {
    const key = sets.join();
    let statement = joinStatements.get(key);
    if (!statement) {
      statement = db.prepare(`
        UPDATE care_conversations SET
          mention_count = mention_count + @count,
          preview = CASE WHEN @publishedAt >= last_activity_at THEN @preview ELSE preview END,
          sentiment = CASE WHEN @publishedAt >= last_activity_at THEN @sentiment ELSE sentiment END,
          sentiment_last = CASE WHEN @scoredAt >= last_activity_at AND @sentimentScore IS NOT NULL THEN @sentimentScore ELSE sentiment_last END,
          clout = MAX(clout, @clout),
          lang = COALESCE(lang, @lang),
          intents = @intents,
          topic_ids = @topicIds,
          segment = COALESCE(@segment, segment),
          waiting_mention_id = COALESCE(waiting_mention_id, @firstMentionId),
          resolved_at = CASE WHEN @reopen = 1 THEN NULL ELSE resolved_at END,
          resolution = CASE WHEN @reopen = 1 THEN NULL ELSE resolution END,
          triage_reason = CASE WHEN @needsReply = 1 AND needs_reply = 0 THEN @triageReason ELSE triage_reason END,
          needs_reply_since = CASE WHEN @needsReply = 1 AND needs_reply = 0 THEN @needsReplySince ELSE needs_reply_since END,
          needs_reply = MAX(needs_reply, @needsReply)${sets.map((set) => `,\n          ${JOIN_SETS[set]}`).join('')}
        WHERE id = @id`);
      joinStatements.set(key, statement);
    }
    return statement;
  };

  return {
    create(c: NewConversation): number {
      const info = insertConversation.run({
        ...c,
        intents: JSON.stringify(c.intents),
        topicIds: JSON.stringify(c.topicIds),
        needsReply: c.needsReply ? 1 : 0,
      });
      return Number(info.lastInsertRowid);
    },
    /** Links a batch's posts to their conversations: [mention id, conversation id, platform, external id] each. */
    linkMentions(links: ReadonlyArray<readonly [number, number, string, string]>): void {
      for (let from = 0; from < links.length; from += LINK_ROWS) {
        const n = Math.min(LINK_ROWS, links.length - from);
        let values = linkParams.get(n);
        if (!values) linkParams.set(n, (values = new Array<unknown>(n * 4)));
        for (let i = 0; i < n; i++) {
          const link = links[from + i]!;
          values[i * 4] = link[0];
          values[i * 4 + 1] = link[1];
          values[i * 4 + 2] = link[2];
          values[i * 4 + 3] = link[3];
        }
        linkStatement(n).run(values);
      }
    },
    /** For each [platform, external id] that a batch's replies answer: where that post (or our reply) lives. */
    replyParents(keys: ReadonlyArray<readonly [string, string]>): ReplyParent[] {
      return keys.length === 0 ? [] : replyParents.all(JSON.stringify(keys));
    },
    /** The grouping candidates with these ids (only the fields grouping decides on). */
    candidates(ids: readonly number[]): GroupingRow[] {
      return ids.length === 0 ? [] : byIds.all(JSON.stringify(ids)).map(toCandidate);
    },
    /** For each [author key, since]: that author's conversations active since then. */
    candidatesByAuthors(keys: ReadonlyArray<readonly [string, number]>): GroupingRow[] {
      return keys.length === 0 ? [] : byAuthors.all(JSON.stringify(keys)).map(toCandidate);
    },
    /** Adds a batch's posts to one conversation (see ConversationJoin). */
    addMentions(j: ConversationJoin): void {
      const { before, needsReply, ...params } = j;
      const sets: JoinSet[] = [];
      if (j.publishedAt > before.lastActivityAt) sets.push('lastActivity');
      if (j.urgency > before.urgency) sets.push('urgency');
      if (before.waitingSince === null) sets.push('waiting');
      if (j.reopen || before.status === 'waiting-on-customer') sets.push('status');
      joinStatement(sets).run({
        ...params,
        intents: JSON.stringify(j.intents),
        topicIds: JSON.stringify(j.topicIds),
        reopen: j.reopen ? 1 : 0,
        needsReply: needsReply ? 1 : 0,
        triageReason: needsReply?.reason ?? null,
        needsReplySince: needsReply?.since ?? null,
      });
    },
  };
}
