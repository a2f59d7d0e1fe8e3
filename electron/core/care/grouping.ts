/**
 * Grouping runs inside the ingest transaction: each stored post joins the conversation it answers
 * or its author's recent one, or opens a new conversation, which routing may hand to a team or agent.
 * The conversations it changed are pushed to windows after the commit.
 *
 * A batch is grouped with a few look-ups for the whole batch (the posts its replies answer, its
 * authors' recent conversations, their segments) and one UPDATE per conversation it joins; the
 * posts are still decided one by one in publication order, against conversations kept up to date
 * in memory as the batch changes them, so the result is the same as storing them one at a time.
 */
import type { Agent, RoutingRule } from '@shared/domain/care';
import type { Mention } from '@shared/domain/mention';
import { authorKey, chooseConversation, normaliseHandle } from '@shared/logic/care/grouping';
import { classifyNeedsReply, type TriageContext, type TriageDecision } from '@shared/logic/care/needs-reply';
import { route } from '@shared/logic/care/routing';
import { parseSurveyAnswer, SURVEY_SCALES } from '@shared/logic/care/survey-answer';
import { toSummary, type ConversationJoin, type GroupingRow, type PendingSurvey, type StoredConversation } from '../store/queries/care';
import { publishCare, SYSTEM_ACTOR, type CareContext } from './care-context';
import { readCareSettings } from './settings';
import type { CareTeam } from './team';

const PREVIEW_CHARS = 280;
const DAY_MS = 24 * 60 * 60_000;
/** The same-author candidates grouping looks at: the author's most recently active conversations. */
const SAME_AUTHOR_CANDIDATES = 20;

interface RoutingContext {
  rules: RoutingRule[];
  agents: Agent[];
}

/** The conversations one batch may touch, as they stand while the batch is grouped. */
interface BatchState {
  /** By id: every conversation read or changed in this batch (the in-memory truth until the batch's writes). */
  rows: Map<number, GroupingRow>;
  /** By author key, for the batch's authors: their conversations active since their earliest post less the window. */
  byAuthor: Map<string, GroupingRow[]>;
  /** platform + external id of a post stored before this batch → [conversation holding it, conversation holding our reply]. */
  parents: Map<string, { linked: number | null; replied: number | null }>;
  /** platform + external id of a post grouped in this batch → its conversation (the lowest mention id wins, as in the table). */
  linked: Map<string, { mentionId: number; conversationId: number }>;
  /** The batch's posts and their conversations: [mention id, conversation id, platform, external id]. */
  links: Array<[number, number, string, string]>;
  /** The batch's additions to conversations that existed before it or were opened by it, one UPDATE each. */
  joins: Map<number, ConversationJoin>;
}

export class ConversationGrouping {
  /** Conversations changed inside the current ingest transaction, pushed after its commit. */
  private readonly touched = new Set<number>();

  constructor(
    private readonly ctx: CareContext,
    private readonly team: CareTeam,
  ) {}

  groupStored(_sourceId: string, stored: readonly Mention[], now: number): void {
    const windowMs = readCareSettings(this.ctx).groupingWindowMinutes * 60_000;
    const q = this.ctx.store.care;
    let routing: RoutingContext | null = null;
    const ordered = [...stored].sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
    const keys = ordered.map(groupingKey);
    const state = this.loadBatch(ordered, keys, windowMs);
    const triage = this.triageContext(keys);
    // The understanding area's author profiles (its hook ran first in this transaction).
    const segments = this.segmentsOf(ordered);
    // The spam check's flags (its hook ran first in this transaction), with people's overrides.
    const surveys = this.pendingSurveys(state, now);
    const surveyAnswers: Array<{ conversationId: number; value: number; mentionId: number }> = [];
    const spam = new Set(
      this.ctx.store.flags
        .of(ordered.map((m) => m.id))
        .filter((f) => f.spam)
        .map((f) => f.mentionId),
    );
    ordered.forEach((m, index) => {
      const key = keys[index]!;
      const parentId = m.replyTo ? parentOf(state, m.platform, m.replyTo) : null;
      const answered = parentId !== null ? (state.rows.get(parentId) ?? null) : null;
      // A reply joins the thread it answers only when it is that thread's customer (or the brand)
      // writing: anyone else answering starts or joins their own conversation (a pile-on is many
      // customers, never one), linked to the post it answers in its history.
      const parent = answered && (answered.authorKey === key || triage.ownHandles.has(normaliseHandle(m.authorHandle))) ? answered : null;
      const sameAuthor = parent ? [] : recentByAuthor(state, key, m.publishedAt - windowMs);
      const decision = chooseConversation(m, parent, sameAuthor, windowMs);
      const score = m.sentiment === 'unknown' ? null : m.sentimentScore;
      const segment = segments.get(`${m.platform}\u0000${m.authorHandle}`) ?? null;
      const verdict = classifyNeedsReply({ ...m, spam: spam.has(m.id) }, triage, m.platform);
      if (decision.kind === 'join') {
        const current = parent ?? sameAuthor.find((c) => c.id === decision.conversationId)!;
        const answer = this.surveyAnswer(surveys, current, key, m);
        // A survey answer is the customer closing the loop: it neither reopens the conversation nor asks for a reply.
        const reopen = decision.reopen && answer === null;
        if (answer !== null) surveyAnswers.push({ conversationId: current.id, value: answer, mentionId: m.id });
        const needsReply = verdict.needsReply && answer === null;
        const intents = union(current.intents, m.intents);
        const topicIds = union(current.topicIds, m.topicIds);
        const join = state.joins.get(current.id);
        if (!join) {
          state.joins.set(current.id, {
            id: current.id,
            count: 1,
            publishedAt: m.publishedAt,
            preview: m.text.slice(0, PREVIEW_CHARS),
            sentiment: m.sentiment,
            scoredAt: score === null ? null : m.publishedAt,
            sentimentScore: score,
            firstAt: m.publishedAt,
            firstMentionId: m.id,
            urgency: m.urgency,
            clout: m.clout,
            lang: m.lang,
            intents,
            topicIds,
            segment,
            reopen,
            needsReply: needsReply ? { reason: verdict.reason, since: m.heardAt } : null,
            before: { lastActivityAt: current.lastActivityAt, urgency: current.urgency, waitingSince: current.waitingSince, status: current.status },
          });
        } else {
          join.count += 1;
          join.publishedAt = m.publishedAt;
          join.preview = m.text.slice(0, PREVIEW_CHARS);
          join.sentiment = m.sentiment;
          if (score !== null) {
            join.scoredAt = m.publishedAt;
            join.sentimentScore = score;
          }
          join.urgency = Math.max(join.urgency, m.urgency);
          join.clout = Math.max(join.clout, m.clout);
          join.lang ??= m.lang;
          join.intents = intents;
          join.topicIds = topicIds;
          if (segment !== null) join.segment = segment;
          join.reopen ||= reopen;
          if (needsReply) join.needsReply ??= { reason: verdict.reason, since: m.heardAt };
        }
        // What the UPDATE will do to the fields grouping decides on, for the batch's later posts.
        current.intents = intents;
        current.topicIds = topicIds;
        current.lastActivityAt = Math.max(current.lastActivityAt, m.publishedAt);
        current.status = reopen ? 'new' : current.status === 'waiting-on-customer' ? (current.assignee === null ? 'new' : 'assigned') : current.status;
        const authorRows = state.byAuthor.get(current.authorKey);
        if (authorRows && !authorRows.includes(current)) authorRows.push(current);
        link(state, m, current.id);
        // The posts themselves are the record of what the customer said; the history keeps actions.
        if (reopen) q.addEvent(current.id, now, SYSTEM_ACTOR, 'reopened', `the customer wrote again (post #${m.id}) after it was resolved`);
        this.touched.add(current.id);
        return;
      }
      const id = q.create({
        platform: m.platform,
        sourceId: m.sourceId,
        authorKey: key,
        authorHandle: m.authorHandle,
        authorName: m.authorName,
        preview: m.text.slice(0, PREVIEW_CHARS),
        urgency: m.urgency,
        sentiment: m.sentiment,
        sentimentScore: score,
        clout: m.clout,
        lang: m.lang,
        intents: [...m.intents],
        topicIds: [...m.topicIds],
        segment,
        openedAt: m.publishedAt,
        mentionId: m.id,
        customerId: isAuthorless(m.authorHandle) ? null : q.customerIdByHandle(normaliseHandle(m.authorHandle)),
        needsReply: verdict.needsReply,
        triageReason: verdict.reason,
        needsReplySince: verdict.needsReply ? m.heardAt : null,
      });
      const row: GroupingRow = {
        id,
        status: 'new',
        assignee: null,
        authorKey: key,
        topicIds: [...m.topicIds],
        intents: [...m.intents],
        lastActivityAt: m.publishedAt,
        urgency: m.urgency,
        waitingSince: m.publishedAt,
      };
      state.rows.set(id, row);
      state.byAuthor.get(key)!.push(row);
      link(state, m, id);
      const answers = answered && answered.id !== id ? `; in reply to a post in conversation #${answered.id}` : '';
      q.addEvent(
        id,
        now,
        SYSTEM_ACTOR,
        'opened',
        `post #${m.id} on ${m.platform}${answers}; ${verdict.needsReply ? 'needs a reply' : 'no reply needed'} (${verdict.reason})`,
      );
      routing ??= this.routingContext();
      if (routing.rules.length > 0) this.routeNew(row, m, segment, routing, now);
      this.touched.add(id);
    });
    for (const join of state.joins.values()) q.addMentions(join);
    q.linkMentions(state.links);
    // After the joins: recording the answer also clears the "waiting" the join set on a resolved conversation.
    for (const a of surveyAnswers) {
      const kind = surveys.get(a.conversationId)!.kind;
      if (q.recordSurveyAnswer(a.conversationId, a.value, now)) {
        q.addEvent(
          a.conversationId,
          now,
          SYSTEM_ACTOR,
          'survey',
          `the customer answered the ${kind === 'csat' ? 'CSAT' : 'NPS'} question: ${a.value}/${SURVEY_SCALES[kind].max} (post #${a.mentionId})`,
        );
      }
    }
  }

  /** Questions asked and not yet answered, within the answer window, among the conversations this batch may join. */
  private pendingSurveys(state: BatchState, now: number): Map<number, PendingSurvey & { windowMs: number }> {
    const windowMs = readCareSettings(this.ctx).survey.windowDays * DAY_MS;
    const pending = this.ctx.store.care.pendingSurveys([...state.rows.keys()], now - windowMs);
    return new Map(pending.map((p) => [p.conversationId, { ...p, windowMs }]));
  }

  /** The score in the customer's post, when it answers the question asked in this conversation. */
  private surveyAnswer(surveys: Map<number, PendingSurvey & { windowMs: number }>, current: GroupingRow, key: string, m: Mention): number | null {
    const pending = surveys.get(current.id);
    if (!pending || current.authorKey !== key) return null;
    if (m.publishedAt < pending.askedAt || m.publishedAt > pending.askedAt + pending.windowMs) return null;
    const value = parseSurveyAnswer(m.text, pending.kind);
    // The first answer counts; later numbers in the thread are conversation.
    if (value !== null) surveys.set(current.id, { ...pending, askedAt: Number.POSITIVE_INFINITY });
    return value;
  }

  /** One look-up each for the batch's authors' recent conversations and for the posts its replies answer. */
  private loadBatch(ordered: readonly Mention[], keys: readonly string[], windowMs: number): BatchState {
    const q = this.ctx.store.care;
    const state: BatchState = { rows: new Map(), byAuthor: new Map(), parents: new Map(), linked: new Map(), links: [], joins: new Map() };
    const since = new Map<string, number>();
    ordered.forEach((m, index) => {
      const key = keys[index]!;
      const from = m.publishedAt - windowMs;
      const earliest = since.get(key);
      if (earliest === undefined || from < earliest) since.set(key, from);
    });
    for (const key of since.keys()) state.byAuthor.set(key, []);
    for (const row of q.candidatesByAuthors([...since])) {
      state.rows.set(row.id, row);
      state.byAuthor.get(row.authorKey)?.push(row);
    }
    const answered = new Map<string, [string, string]>();
    for (const m of ordered) if (m.replyTo) answered.set(`${m.platform}\u0000${m.replyTo}`, [m.platform, m.replyTo]);
    const missing = new Set<number>();
    for (const p of q.replyParents([...answered.values()])) {
      state.parents.set(`${p.platform}\u0000${p.externalId}`, { linked: p.linked, replied: p.replied });
      for (const id of [p.linked, p.replied]) if (id !== null && !state.rows.has(id)) missing.add(id);
    }
    for (const row of q.candidates([...missing])) state.rows.set(row.id, row);
    return state;
  }

  /** One stored post's verdict as ingest would give it now, with this spam judgement. */
  classify(m: Mention, spam: boolean): TriageDecision {
    return classifyNeedsReply({ ...m, spam }, this.triageContext([groupingKey(m)]), m.platform);
  }

  /** The brand's handles and terms, and what agents taught about the batch's authors. */
  private triageContext(keys: readonly string[]): TriageContext {
    const settings = readCareSettings(this.ctx);
    const q = this.ctx.store.care;
    // A Mastodon account's identifier may be user@instance; its posts carry the user part as handle.
    const ownHandles = new Set([...settings.brandHandles, ...q.accountHandles()].map((h) => normaliseHandle(h).split('@')[0]!).filter((h) => h.length > 0));
    return { ownHandles, brandTerms: settings.brandTerms, learned: q.triageLessons([...new Set(keys)]) };
  }

  /** The batch's authors' segments, by platform and handle. */
  private segmentsOf(ordered: readonly Mention[]): Map<string, string> {
    const handles = new Map<string, [string, string]>();
    for (const m of ordered) handles.set(`${m.platform}\u0000${m.authorHandle}`, [m.platform, m.authorHandle]);
    return new Map(this.ctx.store.authors.segmentsOf([...handles.values()]).map((a) => [`${a.platform}\u0000${a.handle}`, a.segment]));
  }

  private routingContext(): RoutingContext {
    const rules = this.ctx.store.care.rules();
    if (rules.length === 0) return { rules, agents: [] };
    return { rules, agents: this.team.agents() };
  }

  private routeNew(row: GroupingRow, m: Mention, segment: string | null, routing: RoutingContext, now: number): void {
    const q = this.ctx.store.care;
    const id = row.id;
    const decision = route(
      { topicIds: m.topicIds, intents: m.intents, lang: m.lang, segment, clout: m.clout, sentiment: m.sentiment },
      routing.rules,
      routing.agents,
      (ruleId) => q.ruleLastAgent(ruleId),
    );
    if (!decision) return;
    if (decision.agent) {
      q.setAssignee(id, decision.agent, decision.teamId, 'assigned');
      row.assignee = decision.agent;
      row.status = 'assigned';
      q.setRuleLastAgent(decision.ruleId, decision.agent);
      const agent = routing.agents.find((a) => a.name === decision.agent);
      if (agent) agent.load += 1;
      q.addEvent(id, now, SYSTEM_ACTOR, 'routed', `to ${decision.agent} (${decision.reason})`);
    } else {
      q.setAssignee(id, null, decision.teamId, 'new');
      row.assignee = null;
      row.status = 'new';
      q.addEvent(id, now, SYSTEM_ACTOR, 'routed', `to team #${decision.teamId}, unassigned (${decision.reason})`);
    }
  }

  /** Pushes the conversations grouping changed, once the batch has committed. */
  flushTouched(): void {
    if (this.touched.size === 0) return;
    const ids = [...this.touched];
    this.touched.clear();
    if (!this.ctx.hub.hasSubscribers('care.conversations')) return;
    const conversations = ids
      .map((id) => this.ctx.store.care.get(id))
      .filter((c): c is StoredConversation => c !== null)
      .map(toSummary);
    publishCare(this.ctx.hub, 'care.conversations', { conversations });
  }
}

/**
 * An import without an author column gives every post the handle "unknown": each such post is its
 * own customer (a key of its own), never one customer "@unknown" holding them all.
 */
function isAuthorless(handle: string): boolean {
  const h = normaliseHandle(handle);
  return h === '' || h === 'unknown';
}

function groupingKey(m: Mention): string {
  return isAuthorless(m.authorHandle) ? `${m.platform}:?${m.sourceId}/${m.externalId}` : authorKey(m.platform, m.authorHandle);
}

/** The post's reply parent: stored before the batch, else grouped earlier in it, else holding our reply with that id. */
function parentOf(state: BatchState, platform: string, replyTo: string): number | null {
  const key = `${platform}\u0000${replyTo}`;
  const before = state.parents.get(key);
  return before?.linked ?? state.linked.get(key)?.conversationId ?? before?.replied ?? null;
}

/** The author's most recently active conversations since then, newest first (what the by-author index gives). */
function recentByAuthor(state: BatchState, key: string, since: number): GroupingRow[] {
  return (state.byAuthor.get(key) ?? [])
    .filter((c) => c.lastActivityAt >= since)
    .sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.id - a.id)
    .slice(0, SAME_AUTHOR_CANDIDATES);
}

function link(state: BatchState, m: Mention, conversationId: number): void {
  state.links.push([m.id, conversationId, m.platform, m.externalId]);
  const key = `${m.platform}\u0000${m.externalId}`;
  const earlier = state.linked.get(key);
  if (!earlier || m.id < earlier.mentionId) state.linked.set(key, { mentionId: m.id, conversationId });
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}
