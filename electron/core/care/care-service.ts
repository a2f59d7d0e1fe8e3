/**
 * The community manager's workstation in the core: conversations grouped at ingest, the triage
 * queue, claims, presence, team and routing, replies (sent through platform accounts or by hand),
 * CRM customers and the care KPIs. This class is the one entry point the API and the composition
 * root use; each area lives in its own module and this only wires them together and delegates.
 */
import { createOutboundGuard } from '../net/outbound-guard';
import { OutboundPolicy } from '../net/outbound-policy';
import type {
  Agent,
  CareAccount,
  CareSettings,
  ConversationDetail,
  ConversationStatus,
  ConversationSummary,
  Customer,
  PresenceEntry,
  PrivateChannel,
  RoutingRule,
} from '@shared/domain/care';
import type { Mention } from '@shared/domain/mention';
import type { WaitingItem } from '@shared/domain/waiting';
import type { Logger } from '../base/logger';
import type { LiveHub } from '../live/hub';
import type { IngestPipeline } from '../pipeline/ingest';
import { toSummary, type StoredConversation } from '../store/queries/care';
import type { Store } from '../store/store';
import { CareAccounts, type CareSecrets } from './accounts';
import { pushConversation, requireConversation, type CareContext } from './care-context';
import { CareKpis, type KpiResult } from './care-kpis';
import { ConversationActions } from './conversation-actions';
import type { CrmRowError } from './crm-import';
import { CareCustomers, type CustomerView } from './customers';
import { ConversationGrouping } from './grouping';
import { CareInbox, type InboxQuery } from './inbox';
import { CarePresence } from './presence';
import { CareReplies } from './replies';
import { CareSurveys } from './surveys';
import { ReplyDelivery } from './reply-delivery';
import type { FetchLike } from './senders';
import { readCareSettings, saveCareSettings } from './settings';
import { CareTeam } from './team';
import { ReplyTemplates } from './templates';
import { CareBulk } from './bulk';
import { SavedViews } from './saved-views';
import { InstanceLimits } from './instance-limits';

export { accountSecretRef, type CareSecrets } from './accounts';
export type { KpiResult } from './care-kpis';
export type { CustomerView } from './customers';
export type { InboxQuery } from './inbox';
export { careSettingsSchema, DEFAULT_CARE_SETTINGS } from './settings';

export interface CareServiceOptions {
  fetch?: FetchLike;
  secrets?: CareSecrets | null;
}

export class CareService {
  private readonly ctx: CareContext;
  private readonly team: CareTeam;
  private readonly customerArea: CareCustomers;
  private readonly inboxArea: CareInbox;
  private readonly grouping: ConversationGrouping;
  private readonly actions: ConversationActions;
  private readonly presenceArea: CarePresence;
  private readonly accountArea: CareAccounts;
  private readonly templates: ReplyTemplates;
  private readonly replies: CareReplies;
  private readonly kpiArea: CareKpis;
  private readonly surveys: CareSurveys;
  /** Bulk actions over many conversations (select many, then tag, assign, reply or resolve). */
  readonly bulk: CareBulk;
  /** Saved inbox views, per person and shared. */
  readonly views: SavedViews;
  /** Mastodon instances' own post length limits. */
  readonly limits: InstanceLimits;

  constructor(store: Store, hub: LiveHub, logger: Logger, now: () => number, options: CareServiceOptions = {}) {
    this.ctx = { store, hub, logger, now };
    this.team = new CareTeam(this.ctx);
    this.customerArea = new CareCustomers(this.ctx);
    this.inboxArea = new CareInbox(this.ctx, this.customerArea);
    this.grouping = new ConversationGrouping(this.ctx, this.team);
    this.actions = new ConversationActions(this.ctx, this.team, this.inboxArea);
    this.presenceArea = new CarePresence(this.ctx);
    this.accountArea = new CareAccounts(this.ctx, options.secrets ?? null);
    this.templates = new ReplyTemplates(this.ctx, this.team);
    const fetchFn = options.fetch ?? (createOutboundGuard(() => OutboundPolicy.fromLines([])).fetch as FetchLike);
    const delivery = new ReplyDelivery(this.ctx, this.accountArea, fetchFn);
    this.limits = new InstanceLimits(this.ctx, fetchFn);
    this.replies = new CareReplies(this.ctx, this.team, this.inboxArea, delivery);
    this.kpiArea = new CareKpis(this.ctx);
    this.surveys = new CareSurveys(this.ctx, this.replies);
    this.bulk = new CareBulk(this.ctx, this.actions, this.replies, this.surveys);
    this.views = new SavedViews(this.ctx);
  }

  /** Hooks grouping into the ingest transaction and pushes the conversations it changed after each commit. */
  attach(pipeline: IngestPipeline): () => void {
    pipeline.addStoredHook((sourceId, stored, now) => this.groupStored(sourceId, stored, now));
    return pipeline.onBatch(() => this.grouping.flushTouched());
  }

  setSecrets(secrets: CareSecrets | null): void {
    this.accountArea.setSecrets(secrets);
  }

  /** Starts expiring presence entries of windows that went quiet. */
  start(): void {
    this.presenceArea.start();
  }

  stop(): void {
    this.presenceArea.stop();
  }

  // ---------------------------------------------------------------- settings

  settings(): CareSettings {
    return readCareSettings(this.ctx);
  }

  saveSettings(patch: Partial<CareSettings>): CareSettings {
    return saveCareSettings(this.ctx, patch);
  }

  // ---------------------------------------------------------------- grouping (inside the ingest transaction)

  groupStored(sourceId: string, stored: readonly Mention[], now: number): void {
    this.grouping.groupStored(sourceId, stored, now);
  }

  /**
   * A person overruled the spam check on a post after it was grouped: its conversation's triage
   * follows, unless an agent already decided that conversation by hand. Marked spam, it needs no
   * reply once every post in it is spam; cleared, a conversation that was "spam" is judged again.
   */
  spamOverridden(mentionId: number, by: string): void {
    const q = this.ctx.store.care;
    const id = q.conversationOfMention(mentionId);
    const c = id === null ? null : q.get(id);
    if (!c || c.triageReason === 'agent') return;
    const flagged = new Set(
      this.ctx.store.flags
        .of(q.mentionIds(c.id))
        .filter((f) => f.spam)
        .map((f) => f.mentionId),
    );
    const at = this.ctx.now();
    const allSpam = q.mentionIds(c.id).every((m) => flagged.has(m));
    if (allSpam && (c.needsReply || c.triageReason !== 'spam')) {
      this.ctx.store.transaction(() => {
        q.setTriage(c.id, false, 'spam', at);
        q.addEvent(c.id, at, by, 'triaged', `${by} marked post #${mentionId} as spam: no reply needed (spam)`);
      });
    } else if (!allSpam && c.triageReason === 'spam') {
      const mention = this.ctx.store.mentions.byIds([mentionId])[0];
      if (!mention) return;
      const verdict = this.grouping.classify(mention, false);
      this.ctx.store.transaction(() => {
        q.setTriage(c.id, verdict.needsReply, verdict.reason, at);
        q.addEvent(
          c.id,
          at,
          by,
          'triaged',
          `${by} said post #${mentionId} is not spam: ${verdict.needsReply ? 'needs a reply' : 'no reply needed'} (${verdict.reason})`,
        );
      });
    } else return;
    pushConversation(this.ctx, c.id);
  }

  // ---------------------------------------------------------------- the inbox

  inbox(query: InboxQuery): { items: ConversationSummary[]; nextCursor: string | null; total: number; totalIsLowerBound: boolean } {
    return this.inboxArea.inbox(query);
  }

  detail(id: number): ConversationDetail {
    return this.inboxArea.detail(id);
  }

  // ---------------------------------------------------------------- actions

  claim(id: number, agent: string): { claimed: boolean; holder: string | null; conversation: ConversationSummary } {
    return this.actions.claim(id, agent);
  }

  release(id: number, agent: string): ConversationSummary {
    return this.actions.release(id, agent);
  }

  assign(id: number, to: string | null, by: string): ConversationSummary {
    return this.actions.assign(id, to, by);
  }

  triage(id: number, needsReply: boolean, teach: boolean, by: string): ConversationSummary {
    return this.actions.triage(id, needsReply, teach, by);
  }

  setStatus(id: number, status: Exclude<ConversationStatus, 'resolved' | 'escalated'>, by: string): ConversationSummary {
    return this.actions.setStatus(id, status, by);
  }

  tag(id: number, tag: string, by: string, remove: boolean): ConversationSummary {
    return this.actions.tag(id, tag, by, remove);
  }

  note(id: number, text: string, by: string): ConversationDetail {
    return this.actions.note(id, text, by);
  }

  escalate(id: number, to: string, reason: string, by: string): ConversationSummary {
    return this.actions.escalate(id, to, reason, by);
  }

  deEscalate(id: number, note: string, by: string): ConversationSummary {
    return this.actions.deEscalate(id, note, by);
  }

  movePrivate(id: number, channel: PrivateChannel, by: string, note: string): ConversationSummary {
    return this.actions.movePrivate(id, channel, by, note);
  }

  /** Resolves, then asks the satisfaction question when the care settings say so. */
  async resolve(id: number, by: string): Promise<ConversationSummary> {
    this.actions.resolve(id, by);
    await this.surveys.askAfterResolve(id, by);
    return toSummary(requireConversation(this.ctx.store, id));
  }

  survey(id: number, csat: number | null, nps: number | null, by: string): ConversationSummary {
    return this.actions.survey(id, csat, nps, by);
  }

  // ---------------------------------------------------------------- presence

  setPresence(id: number, agent: string, activity: PresenceEntry['activity'] | null): PresenceEntry[] {
    return this.presenceArea.setPresence(id, agent, activity);
  }

  presence(): PresenceEntry[] {
    return this.presenceArea.presence();
  }

  expirePresence(): void {
    this.presenceArea.expirePresence();
  }

  // ---------------------------------------------------------------- team and routing

  agents(): Agent[] {
    return this.team.agents();
  }

  saveAgent(a: Omit<Agent, 'load'>): Agent[] {
    return this.team.saveAgent(a);
  }

  saveTeam(id: number | null, name: string): { id: number } {
    return this.team.saveTeam(id, name);
  }

  saveRule(rule: Omit<RoutingRule, 'id'> & { id: number | null }): RoutingRule[] {
    return this.team.saveRule(rule);
  }

  removeRule(id: number): RoutingRule[] {
    return this.team.removeRule(id);
  }

  // ---------------------------------------------------------------- templates, accounts and replies

  saveTemplate(id: number | null, name: string, body: string): { id: number } {
    return this.templates.saveTemplate(id, name, body);
  }

  approveTemplate(id: number, by: string): void {
    this.templates.approveTemplate(id, by);
  }

  accounts(): CareAccount[] {
    return this.accountArea.accounts();
  }

  saveAccount(a: {
    id: number | null;
    platform: CareAccount['platform'];
    name: string;
    baseUrl: string;
    identifier: string;
    secret: string | null;
  }): CareAccount[] {
    return this.accountArea.saveAccount(a);
  }

  needsApproval(c: StoredConversation, author: string): boolean {
    return this.replies.needsApproval(c, author);
  }

  reply(p: { conversationId: number; author: string; text: string; templateId: number | null; accountId: number | null }): Promise<ConversationDetail> {
    return this.replies.reply(p);
  }

  approveReply(replyId: number, by: string, approve: boolean, reason: string): Promise<ConversationDetail> {
    return this.replies.approveReply(replyId, by, approve, reason);
  }

  retryReply(replyId: number, by: string, byHand: boolean): Promise<ConversationDetail> {
    return this.replies.retryReply(replyId, by, byHand);
  }

  // ---------------------------------------------------------------- customers

  importCrm(csv: string, by: string): { imported: number; linkedConversations: number; errors: CrmRowError[] } {
    return this.customerArea.importCrm(csv, by);
  }

  customers(limit: number): Customer[] {
    return this.customerArea.customers(limit);
  }

  customerView(p: { customerId?: number | undefined; platform?: string | undefined; handle?: string | undefined }): CustomerView {
    return this.customerArea.customerView(p);
  }

  addCustomerNote(customerId: number, text: string, by: string): CustomerView {
    return this.customerArea.addCustomerNote(customerId, text, by);
  }

  // ---------------------------------------------------------------- KPIs and waiting customers

  kpis(p: { from: number; to: number; agent?: string | undefined; teamId?: number | undefined }): KpiResult {
    return this.kpiArea.kpis(p);
  }

  waiting(now: number): WaitingItem[] {
    return this.kpiArea.waiting(now);
  }
}
