/**
 * The community manager's workstation in the core: conversations grouped at ingest, the triage
 * queue, claims, presence, team and routing, replies (sent through platform accounts or by hand),
 * CRM customers and the care KPIs. Every change to a conversation writes its history row in the
 * same transaction and is pushed to windows after the commit.
 */
import { z } from 'zod';
import type { CareEvents } from '../../../shared/contract/areas/care';
import type { EventPayloads } from '../../../shared/contract/events';
import {
  DEFAULT_BUSINESS_HOURS,
  PRESENCE_TTL_MS,
  type Agent,
  type CareAccount,
  type CareSettings,
  type ConversationDetail,
  type ConversationStatus,
  type ConversationSummary,
  type Customer,
  type PresenceEntry,
  type PrivateChannel,
  type RoutingRule,
} from '../../../shared/domain/care';
import type { Mention } from '../../../shared/domain/mention';
import { DEFAULT_RESPONSE_TARGET_MINUTES, type WaitingItem } from '../../../shared/domain/waiting';
import { customerBrandScore } from '../../../shared/logic/care/brand-score';
import { authorKey, chooseConversation, normaliseHandle } from '../../../shared/logic/care/grouping';
import { computeKpis, groupFigures, rankAgents, type KpiFigures, type GroupFigures } from '../../../shared/logic/care/kpis';
import { route } from '../../../shared/logic/care/routing';
import { ApiError } from '../api/api-error';
import type { Logger } from '../app/core-api';
import type { LiveHub } from '../live/hub';
import type { IngestPipeline } from '../pipeline/ingest';
import type { InboxFilter, InboxSort, StoredConversation, StoredReply } from '../store/queries/care';
import { toSummary } from '../store/queries/care';
import type { Store } from '../store/store';
import { CrmFormatError, parseCrmCsv, type CrmRowError } from './crm-import';
import { sendBlueskyReply, sendMastodonReply, SendError, type FetchLike } from './senders';

/** The part of the SecretStore care uses (the listening area's SecretStore fits). */
export interface CareSecrets {
  get(scope: string, field: string): string | null;
  set(scope: string, field: string, value: string): void;
}

const SETTINGS_KEY = 'care.settings';
const PREVIEW_CHARS = 280;
const SYSTEM = 'system';

const settingsSchema = z.object({
  businessHours: z.object({
    days: z.array(z.number().int().min(0).max(6)).max(7),
    startHour: z.number().min(0).max(24),
    endHour: z.number().min(0).max(24),
    utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60),
  }),
  responseTargetMinutes: z.number().int().min(1).max(7 * 24 * 60),
  groupingWindowMinutes: z.number().int().min(1).max(30 * 24 * 60),
  approvalTopicIds: z.array(z.number().int().positive()).max(500),
  leaderboard: z.boolean(),
});

export const DEFAULT_CARE_SETTINGS: CareSettings = {
  businessHours: DEFAULT_BUSINESS_HOURS,
  responseTargetMinutes: DEFAULT_RESPONSE_TARGET_MINUTES,
  groupingWindowMinutes: 24 * 60,
  approvalTopicIds: [],
  leaderboard: false,
};

export const careSettingsSchema = settingsSchema;

export interface InboxQuery {
  filter: InboxFilter;
  sort: InboxSort;
  cursor: string | null;
  limit: number;
}

export interface CareServiceOptions {
  fetch?: FetchLike;
  secrets?: CareSecrets | null;
}

export type KpiResult = KpiFigures & { perAgent: GroupFigures[]; perTeam: GroupFigures[]; leaderboard: boolean; from: number; to: number };

export class CareService {
  private readonly presenceByConversation = new Map<number, Map<string, PresenceEntry>>();
  /** Conversations changed inside the current ingest transaction, pushed after its commit. */
  private readonly touched = new Set<number>();
  private readonly fetchFn: FetchLike;
  private secrets: CareSecrets | null;
  private sweep: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: Store,
    private readonly hub: LiveHub,
    private readonly logger: Logger,
    private readonly now: () => number,
    options: CareServiceOptions = {},
  ) {
    this.fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
    this.secrets = options.secrets ?? null;
  }

  /** Hooks grouping into the ingest transaction and pushes the conversations it changed after each commit. */
  attach(pipeline: IngestPipeline): () => void {
    pipeline.addStoredHook((sourceId, stored, now) => this.groupStored(sourceId, stored, now));
    return pipeline.onBatch(() => this.flushTouched());
  }

  setSecrets(secrets: CareSecrets | null): void {
    this.secrets = secrets;
  }

  /** Starts expiring presence entries of windows that went quiet. */
  start(): void {
    this.sweep ??= setInterval(() => this.expirePresence(), 5_000);
    this.sweep.unref?.();
  }

  stop(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
  }

  // ---------------------------------------------------------------- settings

  settings(): CareSettings {
    const parsed = settingsSchema.partial().safeParse(this.store.settings.get(SETTINGS_KEY) ?? {});
    if (!parsed.success) {
      this.logger.warn('care settings unreadable; using defaults', { error: parsed.error.issues[0]?.message });
      return DEFAULT_CARE_SETTINGS;
    }
    return { ...DEFAULT_CARE_SETTINGS, ...stripUndefined(parsed.data) };
  }

  saveSettings(patch: Partial<CareSettings>): CareSettings {
    const next = { ...this.settings(), ...stripUndefined(patch) };
    if (next.businessHours.endHour <= next.businessHours.startHour) throw new ApiError('bad-params', 'business hours: the end must be after the start');
    this.store.settings.set(SETTINGS_KEY, next);
    return next;
  }

  // ---------------------------------------------------------------- grouping (inside the ingest transaction)

  groupStored(_sourceId: string, stored: readonly Mention[], now: number): void {
    const windowMs = this.settings().groupingWindowMinutes * 60_000;
    const q = this.store.care;
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
      const segment = this.store.authors.byHandle(m.platform, m.authorHandle)?.segment ?? null;
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
        if (decision.reopen) q.addEvent(decision.conversationId, now, SYSTEM, 'reopened', `the customer wrote again (post #${m.id}) after it was resolved`);
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
      q.addEvent(id, now, SYSTEM, 'opened', `post #${m.id} on ${m.platform}`);
      routing ??= this.routingContext();
      if (routing.rules.length > 0) this.routeNew(id, m, segment, routing, now);
      this.touched.add(id);
    }
  }

  private routingContext(): RoutingContext {
    const rules = this.store.care.rules();
    if (rules.length === 0) return { rules, agents: [] };
    return { rules, agents: this.agents() };
  }

  private routeNew(id: number, m: Mention, segment: string | null, ctx: RoutingContext, now: number): void {
    const q = this.store.care;
    const decision = route({ topicIds: m.topicIds, intents: m.intents, lang: m.lang, segment, clout: m.clout, sentiment: m.sentiment }, ctx.rules, ctx.agents, (ruleId) => q.ruleLastAgent(ruleId));
    if (!decision) return;
    if (decision.agent) {
      q.setAssignee(id, decision.agent, decision.teamId, 'assigned');
      q.setRuleLastAgent(decision.ruleId, decision.agent);
      const agent = ctx.agents.find((a) => a.name === decision.agent);
      if (agent) agent.load += 1;
      q.addEvent(id, now, SYSTEM, 'routed', `to ${decision.agent} (${decision.reason})`);
    } else {
      q.setAssignee(id, null, decision.teamId, 'new');
      q.addEvent(id, now, SYSTEM, 'routed', `to team #${decision.teamId}, unassigned (${decision.reason})`);
    }
  }

  private flushTouched(): void {
    if (this.touched.size === 0) return;
    const ids = [...this.touched];
    this.touched.clear();
    if (!this.hub.hasSubscribers('care.conversations')) return;
    const conversations = ids.map((id) => this.store.care.get(id)).filter((c): c is StoredConversation => c !== null).map(toSummary);
    this.publish('care.conversations', { conversations });
  }

  private publish<T extends keyof CareEvents>(topic: T, payload: EventPayloads[T]): void {
    this.hub.publish(topic, payload);
  }

  private pushOne(id: number): ConversationSummary {
    const c = this.require(id);
    const summary = toSummary(c);
    this.publish('care.conversations', { conversations: [summary] });
    return summary;
  }

  private require(id: number): StoredConversation {
    const c = this.store.care.get(id);
    if (!c) throw new ApiError('not-found', `conversation ${id} does not exist`);
    return c;
  }

  // ---------------------------------------------------------------- the inbox

  inbox(query: InboxQuery): { items: ConversationSummary[]; nextCursor: string | null; total: number } {
    const after = query.cursor === null ? null : decodeCursor(query.cursor);
    const rows = this.store.care.list(query.filter, query.sort, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor(this.store.care.sortKey(last, query.sort), last.id) : null;
    const total = query.cursor === null ? this.store.care.count(query.filter) : -1;
    return { items: page.map(toSummary), nextCursor, total };
  }

  detail(id: number): ConversationDetail {
    const c = this.require(id);
    const mentions = this.store.mentions.byIds(this.store.care.mentionIds(id).slice(-500)).sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
    return {
      conversation: toSummary(c),
      mentions,
      events: this.store.care.events(id),
      replies: this.store.care.replies(id).map(publicReply),
      customer: c.customerId === null ? null : this.customerRecord(c.customerId),
    };
  }

  // ---------------------------------------------------------------- actions

  /** Atomic: the UPDATE only succeeds while nobody else holds the conversation. */
  claim(id: number, agent: string): { claimed: boolean; holder: string | null; conversation: ConversationSummary } {
    const at = this.now();
    const claimed = this.store.transaction(() => {
      const held = this.store.care.get(id)?.assignee === agent;
      const ok = this.store.care.claim(id, agent);
      if (ok && !held) this.store.care.addEvent(id, at, agent, 'claimed', `${agent} took the conversation`);
      return ok;
    });
    const c = this.require(id);
    if (!claimed && c.status === 'resolved') throw new ApiError('conflict', `conversation ${id} is resolved; reopen it first`);
    if (claimed) this.pushOne(id);
    return { claimed, holder: c.assignee, conversation: toSummary(c) };
  }

  release(id: number, agent: string): ConversationSummary {
    const at = this.now();
    this.store.transaction(() => {
      const c = this.require(id);
      if (c.assignee !== agent) throw new ApiError('conflict', c.assignee ? `${c.assignee} holds conversation ${id}, not ${agent}` : `nobody holds conversation ${id}`);
      this.store.care.setAssignee(id, null, null, c.status === 'assigned' ? 'new' : c.status);
      this.store.care.addEvent(id, at, agent, 'released', `${agent} gave the conversation back to the queue`);
    });
    return this.pushOne(id);
  }

  assign(id: number, to: string | null, by: string): ConversationSummary {
    const at = this.now();
    this.store.transaction(() => {
      const c = this.require(id);
      if (c.status === 'resolved') throw new ApiError('conflict', `conversation ${id} is resolved; reopen it first`);
      const agents = this.store.care.agents();
      if (to !== null && agents.length > 0 && !agents.some((a) => a.name === to)) throw new ApiError('bad-params', `"${to}" is not on the team`);
      const status: ConversationStatus = c.status === 'escalated' || c.status === 'waiting-on-customer' ? c.status : to === null ? 'new' : 'assigned';
      this.store.care.setAssignee(id, to, agents.find((a) => a.name === to)?.teamId ?? null, status);
      this.store.care.addEvent(id, at, by, 'assigned', to === null ? `${by} unassigned it` : `${by} assigned it to ${to}${c.assignee ? ` (was ${c.assignee})` : ''}`);
    });
    return this.pushOne(id);
  }

  setStatus(id: number, status: Exclude<ConversationStatus, 'resolved' | 'escalated'>, by: string): ConversationSummary {
    const at = this.now();
    this.store.transaction(() => {
      const c = this.require(id);
      if (c.status === 'resolved') {
        this.store.care.reopen(id);
        this.store.care.addEvent(id, at, by, 'reopened', `${by} reopened it`);
      }
      this.store.care.setStatus(id, status);
      this.store.care.addEvent(id, at, by, 'status', `${by} set the status to ${status}`);
    });
    return this.pushOne(id);
  }

  tag(id: number, tag: string, by: string, remove: boolean): ConversationSummary {
    const at = this.now();
    const clean = tag.trim().toLowerCase();
    this.store.transaction(() => {
      const c = this.require(id);
      const has = c.tags.includes(clean);
      if (remove === !has) return;
      this.store.care.setTags(id, remove ? c.tags.filter((t) => t !== clean) : [...c.tags, clean].sort());
      this.store.care.addEvent(id, at, by, remove ? 'untagged' : 'tagged', `${by} ${remove ? 'removed the tag' : 'tagged it'} "${clean}"`);
    });
    return this.pushOne(id);
  }

  note(id: number, text: string, by: string): ConversationDetail {
    const at = this.now();
    this.store.transaction(() => {
      const c = this.require(id);
      this.store.care.addNote(id, null, by, text, at);
      this.store.care.addEvent(c.id, at, by, 'note', text);
    });
    this.pushOne(id);
    return this.detail(id);
  }

  /**
   * Escalation to a named person or to the first available lead / PR-legal reviewer, with a reason.
   * The history keeps who escalated, so `deEscalate` hands it back along the same trail.
   */
  escalate(id: number, to: string, reason: string, by: string): ConversationSummary {
    const at = this.now();
    this.store.transaction(() => {
      const c = this.require(id);
      if (c.status === 'resolved') throw new ApiError('conflict', `conversation ${id} is resolved; reopen it first`);
      const target = this.escalationTarget(to);
      this.store.care.setAssignee(id, target, this.store.care.agents().find((a) => a.name === target)?.teamId ?? null, 'escalated');
      this.store.care.addEvent(id, at, by, 'escalated', `${by} escalated it to ${target}${c.assignee && c.assignee !== by ? ` (held by ${c.assignee})` : ''}: ${reason}`);
    });
    return this.pushOne(id);
  }

  private escalationTarget(to: string): string {
    const agents = this.agents();
    if (to === 'lead' || to === 'pr-legal') {
      const candidates = agents.filter((a) => a.role === to && a.active).sort((a, b) => a.load - b.load || a.name.localeCompare(b.name));
      if (!candidates[0]) throw new ApiError('bad-params', `nobody on the team has the role ${to}; add one under Team`);
      return candidates[0].name;
    }
    if (agents.length > 0 && !agents.some((a) => a.name === to)) throw new ApiError('bad-params', `"${to}" is not on the team`);
    return to;
  }

  /** Sends an escalated conversation back to whoever escalated it, with the expert's answer. */
  deEscalate(id: number, note: string, by: string): ConversationSummary {
    const at = this.now();
    this.store.transaction(() => {
      const c = this.require(id);
      if (c.status !== 'escalated') throw new ApiError('conflict', `conversation ${id} is not escalated`);
      const last = [...this.store.care.events(id)].reverse().find((e) => e.kind === 'escalated');
      const back = last?.actor ?? null;
      this.store.care.setAssignee(id, back, null, back ? 'assigned' : 'new');
      this.store.care.addEvent(id, at, by, 'de-escalated', `${by} handed it back to ${back ?? 'the queue'}: ${note}`);
    });
    return this.pushOne(id);
  }

  movePrivate(id: number, channel: PrivateChannel, by: string, note: string): ConversationSummary {
    const at = this.now();
    this.store.transaction(() => {
      this.require(id);
      this.store.care.markPrivate(id, channel, at);
      this.store.care.addEvent(id, at, by, 'moved-private', `${by} moved it to ${CHANNEL_NAMES[channel]}${note ? `: ${note}` : ''}`);
    });
    return this.pushOne(id);
  }

  resolve(id: number, by: string): ConversationSummary {
    const at = this.now();
    this.store.transaction(() => {
      const c = this.require(id);
      if (c.status === 'resolved') throw new ApiError('conflict', `conversation ${id} is already resolved`);
      this.store.care.resolve(id, at);
      this.store.care.addEvent(id, at, by, 'resolved', `${by} resolved it ${c.privateChannel ? `in private (${CHANNEL_NAMES[c.privateChannel]})` : 'in public'}`);
    });
    return this.pushOne(id);
  }

  survey(id: number, csat: number | null, nps: number | null, by: string): ConversationSummary {
    const at = this.now();
    this.store.transaction(() => {
      this.require(id);
      this.store.care.setSurvey(id, csat, nps);
      this.store.care.addEvent(id, at, by, 'survey', [csat !== null ? `CSAT ${csat}/5` : '', nps !== null ? `NPS ${nps}/10` : ''].filter(Boolean).join(', '));
    });
    return this.pushOne(id);
  }

  // ---------------------------------------------------------------- presence

  setPresence(id: number, agent: string, activity: PresenceEntry['activity'] | null): PresenceEntry[] {
    this.require(id);
    let map = this.presenceByConversation.get(id);
    if (activity === null) {
      map?.delete(agent);
      if (map && map.size === 0) this.presenceByConversation.delete(id);
    } else {
      if (!map) this.presenceByConversation.set(id, (map = new Map()));
      // One conversation per agent at a time: viewing another one leaves the previous.
      for (const [other, entries] of this.presenceByConversation) {
        if (other !== id && entries.delete(agent) && entries.size === 0) this.presenceByConversation.delete(other);
      }
      map.set(agent, { conversationId: id, agent, activity, at: this.now() });
    }
    const entries = this.presence();
    this.publish('care.presence', { entries });
    return entries;
  }

  presence(): PresenceEntry[] {
    return [...this.presenceByConversation.values()].flatMap((m) => [...m.values()]);
  }

  expirePresence(): void {
    const cutoff = this.now() - PRESENCE_TTL_MS;
    let changed = false;
    for (const [id, map] of this.presenceByConversation) {
      for (const [agent, entry] of map) {
        if (entry.at < cutoff) {
          map.delete(agent);
          changed = true;
        }
      }
      if (map.size === 0) this.presenceByConversation.delete(id);
    }
    if (changed) this.publish('care.presence', { entries: this.presence() });
  }

  // ---------------------------------------------------------------- team and routing

  agents(): Agent[] {
    const loads = this.store.care.loads();
    return this.store.care.agents().map((a) => ({ ...a, load: loads.get(a.name) ?? 0 }));
  }

  saveAgent(a: Omit<Agent, 'load'>): Agent[] {
    if (a.teamId !== null && !this.store.care.teamExists(a.teamId)) throw new ApiError('bad-params', `team ${a.teamId} does not exist`);
    this.store.care.saveAgent(a);
    return this.agents();
  }

  saveTeam(id: number | null, name: string): { id: number } {
    try {
      return { id: this.store.care.saveTeam(id, name) };
    } catch (error) {
      if (String(error).includes('UNIQUE')) throw new ApiError('conflict', `a team called "${name}" already exists`);
      throw error;
    }
  }

  saveRule(rule: Omit<RoutingRule, 'id'> & { id: number | null }): RoutingRule[] {
    if (!this.store.care.teamExists(rule.teamId)) throw new ApiError('bad-params', `team ${rule.teamId} does not exist`);
    this.store.care.saveRule(rule);
    return this.store.care.rules();
  }

  removeRule(id: number): RoutingRule[] {
    if (!this.store.care.removeRule(id)) throw new ApiError('not-found', `routing rule ${id} does not exist`);
    return this.store.care.rules();
  }

  private role(name: string): Agent['role'] | null {
    return this.store.care.agents().find((a) => a.name === name)?.role ?? null;
  }

  // ---------------------------------------------------------------- templates and replies

  saveTemplate(id: number | null, name: string, body: string): { id: number } {
    try {
      return { id: this.store.care.saveTemplate(id, name, body, this.now()) };
    } catch (error) {
      if (String(error).includes('UNIQUE')) throw new ApiError('conflict', `a template called "${name}" already exists`);
      throw error;
    }
  }

  approveTemplate(id: number, by: string): void {
    const role = this.role(by);
    if (role !== 'lead' && role !== 'pr-legal') throw new ApiError('conflict', `${by} cannot approve responses: only leads and PR/legal reviewers can`);
    if (!this.store.care.approveTemplate(id, by, this.now())) throw new ApiError('not-found', `template ${id} does not exist`);
  }

  accounts(): CareAccount[] {
    return this.store.care.accounts().map(({ secretRef, ...a }) => ({ ...a, hasSecret: this.readSecret(secretRef) !== null }));
  }

  /** The account's secret, or null when there is none or the secret store cannot be used. */
  private readSecret(ref: string): string | null {
    try {
      return this.secrets?.get(ref, 'secret') ?? null;
    } catch {
      return null;
    }
  }

  saveAccount(a: { id: number | null; platform: CareAccount['platform']; name: string; baseUrl: string; identifier: string; secret: string | null }): CareAccount[] {
    if (a.secret !== null && !this.secrets) throw new ApiError('unavailable', 'the secret store is not available, so the token cannot be kept');
    const id = this.store.transaction(() => {
      const saved = this.store.care.saveAccount({ ...a, secretRef: 'pending' });
      this.store.care.saveAccount({ ...a, id: saved, secretRef: accountSecretRef(saved) });
      return saved;
    });
    if (a.secret !== null) {
      try {
        this.secrets!.set(accountSecretRef(id), 'secret', a.secret);
      } catch (error) {
        // The account is kept; the message says why its secret is not (and never contains it).
        throw new ApiError('unavailable', `account saved, but its secret could not be stored: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return this.accounts();
  }

  /** Whether a reply in this conversation must wait for a lead's or reviewer's approval. */
  needsApproval(c: StoredConversation, author: string): boolean {
    const sensitive = this.settings().approvalTopicIds.some((t) => c.topicIds.includes(t));
    const role = this.role(author);
    return sensitive && role !== 'lead' && role !== 'pr-legal';
  }

  async reply(p: { conversationId: number; author: string; text: string; templateId: number | null; accountId: number | null }): Promise<ConversationDetail> {
    const at = this.now();
    const c = this.require(p.conversationId);
    let channel: 'mastodon' | 'bluesky' | 'manual' = 'manual';
    if (p.accountId !== null) {
      const account = this.store.care.account(p.accountId);
      if (!account) throw new ApiError('not-found', `account ${p.accountId} does not exist`);
      if (account.platform !== c.platform) throw new ApiError('bad-params', `account "${account.name}" posts to ${account.platform}, but the conversation is on ${c.platform}`);
      channel = account.platform;
    }
    if (p.templateId !== null) {
      const t = this.store.care.template(p.templateId);
      if (!t) throw new ApiError('not-found', `template ${p.templateId} does not exist`);
      if (!t.approvedBy) throw new ApiError('conflict', `template "${t.name}" is not approved yet`);
    }
    const pending = this.needsApproval(c, p.author);
    const lastMention = this.store.care.mentionIds(c.id).pop() ?? null;
    const replyId = this.store.transaction(() => {
      const id = this.store.care.insertReply({ ...p, channel, replyToMentionId: lastMention, status: pending ? 'pending-approval' : 'approved', at });
      this.store.care.addEvent(c.id, at, p.author, pending ? 'reply-awaiting-approval' : 'reply-written', pending ? `${p.author} wrote a reply that needs approval (sensitive topic): ${p.text}` : `${p.author} wrote a reply: ${p.text}`);
      return id;
    });
    if (!pending) await this.deliver(replyId);
    this.pushOne(c.id);
    return this.detail(c.id);
  }

  async approveReply(replyId: number, by: string, approve: boolean, reason: string): Promise<ConversationDetail> {
    const reply = this.store.care.reply(replyId);
    if (!reply) throw new ApiError('not-found', `reply ${replyId} does not exist`);
    if (reply.status !== 'pending-approval') throw new ApiError('conflict', `reply ${replyId} is not waiting for approval (it is ${reply.status})`);
    const role = this.role(by);
    if (role !== 'lead' && role !== 'pr-legal') throw new ApiError('conflict', `${by} cannot approve replies: only leads and PR/legal reviewers can`);
    const at = this.now();
    this.store.transaction(() => {
      this.store.care.updateReply(replyId, { status: approve ? 'approved' : 'rejected', approvedBy: by });
      this.store.care.addEvent(reply.conversationId, at, by, approve ? 'reply-approved' : 'reply-rejected', `${by} ${approve ? 'approved' : 'rejected'} ${reply.author}'s reply${reason ? `: ${reason}` : ''}`);
    });
    if (approve) await this.deliver(replyId);
    this.pushOne(reply.conversationId);
    return this.detail(reply.conversationId);
  }

  /** Sends an approved reply (or records it as sent by hand); a failure is recorded, never thrown away. */
  private async deliver(replyId: number): Promise<StoredReply> {
    const reply = this.store.care.reply(replyId)!;
    const at = this.now();
    if (reply.channel === 'manual') {
      this.store.transaction(() => {
        this.store.care.updateReply(replyId, { status: 'sent-by-hand', sentAt: at });
        this.store.care.markResponded(reply.conversationId, at);
        this.store.care.addEvent(reply.conversationId, at, reply.author, 'reply-sent-by-hand', `${reply.author} posted the reply by hand`);
      });
      return this.store.care.reply(replyId)!;
    }
    try {
      const account = reply.accountId === null ? null : this.store.care.account(reply.accountId);
      if (!account) throw new SendError('the account was removed');
      const secret = this.readSecret(account.secretRef);
      if (!secret) throw new SendError(`account "${account.name}" has no stored ${account.platform === 'mastodon' ? 'access token' : 'app password'}`);
      const mention = reply.replyToMentionId === null ? null : (this.store.mentions.byIds([reply.replyToMentionId])[0] ?? null);
      if (!mention) throw new SendError('the post to answer is no longer stored');
      const target = { externalId: mention.externalId, url: mention.url };
      const sent =
        account.platform === 'mastodon'
          ? await sendMastodonReply(this.fetchFn, { baseUrl: account.baseUrl, token: secret }, target, reply.text, `earshot-reply-${replyId}`)
          : await sendBlueskyReply(this.fetchFn, { baseUrl: account.baseUrl, identifier: account.identifier, appPassword: secret }, target, reply.text, at);
      const done = this.now();
      this.store.transaction(() => {
        this.store.care.updateReply(replyId, { status: 'sent', externalId: sent.externalId, externalUrl: sent.url, platform: account.platform, sentAt: done });
        this.store.care.markResponded(reply.conversationId, done);
        this.store.care.addEvent(reply.conversationId, done, reply.author, 'reply-sent', `sent from ${account.name} on ${account.platform}`);
      });
    } catch (error) {
      const message = error instanceof SendError ? error.message : `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.warn('care reply not sent', { reply: replyId, error: message });
      this.store.transaction(() => {
        this.store.care.updateReply(replyId, { status: 'failed', error: message });
        this.store.care.addEvent(reply.conversationId, this.now(), SYSTEM, 'reply-failed', message);
      });
    }
    return this.store.care.reply(replyId)!;
  }

  /** A failed reply can be tried again, or marked as posted by hand after all. */
  async retryReply(replyId: number, by: string, byHand: boolean): Promise<ConversationDetail> {
    const reply = this.store.care.reply(replyId);
    if (!reply) throw new ApiError('not-found', `reply ${replyId} does not exist`);
    if (reply.status !== 'failed') throw new ApiError('conflict', `reply ${replyId} did not fail (it is ${reply.status})`);
    const at = this.now();
    if (byHand) {
      this.store.transaction(() => {
        this.store.care.updateReply(replyId, { status: 'sent-by-hand', sentAt: at });
        this.store.care.markResponded(reply.conversationId, at);
        this.store.care.addEvent(reply.conversationId, at, by, 'reply-sent-by-hand', `${by} posted the failed reply by hand`);
      });
    } else {
      this.store.care.addEvent(reply.conversationId, at, by, 'reply-retried', `${by} tried sending again`);
      await this.deliver(replyId);
    }
    this.pushOne(reply.conversationId);
    return this.detail(reply.conversationId);
  }

  // ---------------------------------------------------------------- customers

  importCrm(csv: string, by: string): { imported: number; linkedConversations: number; errors: CrmRowError[] } {
    let parsed: ReturnType<typeof parseCrmCsv>;
    try {
      parsed = parseCrmCsv(csv);
    } catch (error) {
      if (error instanceof CrmFormatError) throw new ApiError('bad-params', `CRM import: ${error.message}`);
      throw error;
    }
    const at = this.now();
    const linked = this.store.transaction(() => {
      for (const row of parsed.rows) {
        const id = this.store.care.upsertCustomer({ ...row, at });
        for (const handle of row.handles) this.store.care.setCustomerHandle(handle, id);
      }
      return this.store.care.relinkCustomers();
    });
    this.logger.info('CRM customers imported', { by, imported: parsed.rows.length, rejected: parsed.errors.length, linked });
    return { imported: parsed.rows.length, linkedConversations: linked, errors: parsed.errors.slice(0, 100) };
  }

  customers(limit: number): Customer[] {
    return this.store.care.customers(limit).map((c) => this.withScore(c));
  }

  private customerRecord(id: number): Customer | null {
    const c = this.store.care.customer(id);
    return c ? this.withScore(c) : null;
  }

  private withScore(c: Omit<Customer, 'brandScore'>): Customer {
    const conversations = this.store.care.byCustomer(c.id);
    const clout = conversations.reduce((m, x) => Math.max(m, x.clout), 0);
    const mentions = conversations.reduce((s, x) => s + x.mentionCount, 0);
    return { ...c, brandScore: customerBrandScore({ lifetimeValue: c.lifetimeValue, clout, mentions }) };
  }

  /**
   * Everything about one person: by CRM customer, or by a social author (platform + handle) even
   * when the CRM does not know them.
   */
  customerView(p: { customerId?: number | undefined; platform?: string | undefined; handle?: string | undefined }): CustomerView {
    let customer: Customer | null = null;
    let conversations: StoredConversation[];
    if (p.customerId !== undefined) {
      customer = this.customerRecord(p.customerId);
      if (!customer) throw new ApiError('not-found', `customer ${p.customerId} does not exist`);
      conversations = this.store.care.byCustomer(p.customerId);
    } else if (p.platform !== undefined && p.handle !== undefined) {
      conversations = this.store.care.byAuthorKey(authorKey(p.platform, p.handle));
      const id = this.store.care.customerIdByHandle(normaliseHandle(p.handle));
      customer = id === null ? null : this.customerRecord(id);
    } else {
      throw new ApiError('bad-params', 'give a customerId, or a platform and a handle');
    }
    const ids = conversations
      .flatMap((c) => this.store.care.mentionIds(c.id))
      .sort((a, b) => b - a)
      .slice(0, 300);
    const mentions = this.store.mentions.byIds(ids).sort((a, b) => b.publishedAt - a.publishedAt);
    const byDay = new Map<number, { sum: number; n: number }>();
    for (const m of mentions) {
      if (m.sentiment === 'unknown') continue;
      const day = Math.floor(m.publishedAt / 86_400_000) * 86_400_000;
      const d = byDay.get(day) ?? { sum: 0, n: 0 };
      d.sum += m.sentimentScore;
      d.n += 1;
      byDay.set(day, d);
    }
    const notes = customer ? this.store.care.customerNotes(customer.id) : [];
    return {
      customer,
      conversations: conversations.map(toSummary),
      mentions,
      sentimentByDay: [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([day, d]) => ({ day, mean: Math.round((d.sum / d.n) * 1000) / 1000, count: d.n })),
      clout: conversations.reduce((m, c) => Math.max(m, c.clout), 0),
      segment: conversations.find((c) => c.segment !== null)?.segment ?? null,
      notes,
    };
  }

  addCustomerNote(customerId: number, text: string, by: string): CustomerView {
    if (!this.store.care.customer(customerId)) throw new ApiError('not-found', `customer ${customerId} does not exist`);
    this.store.care.addNote(null, customerId, by, text, this.now());
    return this.customerView({ customerId });
  }

  // ---------------------------------------------------------------- KPIs and waiting customers

  kpis(p: { from: number; to: number; agent?: string | undefined; teamId?: number | undefined }): KpiResult {
    if (p.to <= p.from) throw new ApiError('bad-params', 'care.kpis: "to" must be after "from"');
    const settings = this.settings();
    const options = { asOf: Math.min(p.to, this.now()), businessHours: settings.businessHours, targetMinutes: settings.responseTargetMinutes };
    const records = this.store.care.forKpis(p.from, p.to).filter((c) => (p.agent === undefined || c.assignee === p.agent) && (p.teamId === undefined || c.teamId === p.teamId));
    const teamNames = new Map(this.store.care.teams().map((t) => [t.id, t.name]));
    const perAgent = groupFigures(records, (c) => c.assignee, options);
    return {
      ...computeKpis(records, options),
      perAgent: settings.leaderboard ? rankAgents(perAgent) : perAgent.sort((a, b) => a.key.localeCompare(b.key)),
      perTeam: groupFigures(records, (c) => (c.teamId === null ? null : (teamNames.get(c.teamId) ?? `team ${c.teamId}`)), options),
      leaderboard: settings.leaderboard,
      from: p.from,
      to: p.to,
    };
  }

  /** Customers still waiting for a first answer (or an answer to their newest post), longest first. */
  waiting(now: number): WaitingItem[] {
    return this.store.care.waiting(now).map((c) => ({
      conversationId: c.id,
      firstMentionId: c.waitingMentionId ?? 0,
      waitingSince: c.waitingSince!,
      topicIds: c.topicIds,
      authorHandle: c.authorHandle,
    }));
  }
}

export interface CustomerView {
  customer: Customer | null;
  conversations: ConversationSummary[];
  mentions: Mention[];
  sentimentByDay: { day: number; mean: number; count: number }[];
  clout: number;
  segment: string | null;
  notes: { author: string; text: string; createdAt: number }[];
}

interface RoutingContext {
  rules: RoutingRule[];
  agents: Agent[];
}

const CHANNEL_NAMES: Record<PrivateChannel, string> = { dm: 'a direct message', phone: 'a phone call', email: 'e-mail' };

export function accountSecretRef(id: number): string {
  return `care-account-${id}`;
}

function publicReply(r: StoredReply) {
  const { replyToMentionId: _r, ...rest } = r;
  return rest;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function encodeCursor(key: number, id: number): string {
  return `${key}:${id}`;
}

function decodeCursor(cursor: string): { key: number; id: number } {
  const m = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?):(\d+)$/i.exec(cursor);
  if (!m) throw new ApiError('bad-params', 'cursor: not a cursor this inbox handed out');
  return { key: Number(m[1]), id: Number(m[2]) };
}
