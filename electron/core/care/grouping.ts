/**
 * Grouping runs inside the ingest transaction: each stored post joins the conversation it answers
 * or its author's recent one, or opens a new conversation, which routing may hand to a team or agent.
 * The conversations it changed are pushed to windows after the commit.
 */
import type { Agent, RoutingRule } from '../../../shared/domain/care';
import type { Mention } from '../../../shared/domain/mention';
import { authorKey, chooseConversation, normaliseHandle } from '../../../shared/logic/care/grouping';
import { route } from '../../../shared/logic/care/routing';
import { toSummary, type StoredConversation } from '../store/queries/care';
import { publishCare, SYSTEM_ACTOR, type CareContext } from './care-context';
import { readCareSettings } from './settings';
import type { CareTeam } from './team';

const PREVIEW_CHARS = 280;

interface RoutingContext {
  rules: RoutingRule[];
  agents: Agent[];
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
    for (const m of ordered) {
      const key = authorKey(m.platform, m.authorHandle);
      const parentId = m.replyTo ? q.findByExternalId(m.platform, m.replyTo) : null;
      const parent = parentId !== null ? q.candidate(parentId) : null;
      const sameAuthor = parent ? [] : q.recentByAuthor(key, m.publishedAt - windowMs);
      const decision = chooseConversation(m, parent, sameAuthor, windowMs);
      const score = m.sentiment === 'unknown' ? null : m.sentimentScore;
      // The understanding area's author profile (its hook ran first in this transaction).
      const segment = this.ctx.store.authors.byHandle(m.platform, m.authorHandle)?.segment ?? null;
      if (decision.kind === 'join') {
        const current = parent ?? sameAuthor.find((c) => c.id === decision.conversationId)!;
        q.addMention({
          id: decision.conversationId,
          mentionId: m.id,
          publishedAt: m.publishedAt,
          preview: m.text.slice(0, PREVIEW_CHARS),
          sentiment: m.sentiment,
          sentimentScore: score,
          urgency: m.urgency,
          clout: m.clout,
          lang: m.lang,
          intents: union(current.intents, m.intents),
          topicIds: union(current.topicIds, m.topicIds),
          segment,
          reopen: decision.reopen,
        });
        q.linkMention(m.id, decision.conversationId, m.platform, m.externalId);
        // The posts themselves are the record of what the customer said; the history keeps actions.
        if (decision.reopen) q.addEvent(decision.conversationId, now, SYSTEM_ACTOR, 'reopened', `the customer wrote again (post #${m.id}) after it was resolved`);
        this.touched.add(decision.conversationId);
        continue;
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
        customerId: q.customerIdByHandle(normaliseHandle(m.authorHandle)),
      });
      q.linkMention(m.id, id, m.platform, m.externalId);
      q.addEvent(id, now, SYSTEM_ACTOR, 'opened', `post #${m.id} on ${m.platform}`);
      routing ??= this.routingContext();
      if (routing.rules.length > 0) this.routeNew(id, m, segment, routing, now);
      this.touched.add(id);
    }
  }

  private routingContext(): RoutingContext {
    const rules = this.ctx.store.care.rules();
    if (rules.length === 0) return { rules, agents: [] };
    return { rules, agents: this.team.agents() };
  }

  private routeNew(id: number, m: Mention, segment: string | null, routing: RoutingContext, now: number): void {
    const q = this.ctx.store.care;
    const decision = route({ topicIds: m.topicIds, intents: m.intents, lang: m.lang, segment, clout: m.clout, sentiment: m.sentiment }, routing.rules, routing.agents, (ruleId) => q.ruleLastAgent(ruleId));
    if (!decision) return;
    if (decision.agent) {
      q.setAssignee(id, decision.agent, decision.teamId, 'assigned');
      q.setRuleLastAgent(decision.ruleId, decision.agent);
      const agent = routing.agents.find((a) => a.name === decision.agent);
      if (agent) agent.load += 1;
      q.addEvent(id, now, SYSTEM_ACTOR, 'routed', `to ${decision.agent} (${decision.reason})`);
    } else {
      q.setAssignee(id, null, decision.teamId, 'new');
      q.addEvent(id, now, SYSTEM_ACTOR, 'routed', `to team #${decision.teamId}, unassigned (${decision.reason})`);
    }
  }

  /** Pushes the conversations grouping changed, once the batch has committed. */
  flushTouched(): void {
    if (this.touched.size === 0) return;
    const ids = [...this.touched];
    this.touched.clear();
    if (!this.ctx.hub.hasSubscribers('care.conversations')) return;
    const conversations = ids.map((id) => this.ctx.store.care.get(id)).filter((c): c is StoredConversation => c !== null).map(toSummary);
    publishCare(this.ctx.hub, 'care.conversations', { conversations });
  }
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}
