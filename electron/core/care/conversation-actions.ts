/**
 * What agents do to a conversation: claim, release, assign, status, tags, notes, escalation,
 * moving to a private channel, resolving and surveys. Each change writes its history row in the
 * same transaction and is pushed to windows after the commit.
 */
import type { ConversationDetail, ConversationStatus, ConversationSummary, PrivateChannel } from '@shared/domain/care';
import { ApiError } from '../api/api-error';
import { toSummary } from '../store/queries/care';
import { pushConversation, requireConversation, type CareContext } from './care-context';
import type { CareInbox } from './inbox';
import type { CareTeam } from './team';

const CHANNEL_NAMES: Record<PrivateChannel, string> = { dm: 'a direct message', phone: 'a phone call', email: 'e-mail' };

export class ConversationActions {
  constructor(
    private readonly ctx: CareContext,
    private readonly team: CareTeam,
    private readonly inbox: CareInbox,
  ) {}

  /** Atomic: the UPDATE only succeeds while nobody else holds the conversation. */
  claim(id: number, agent: string): { claimed: boolean; holder: string | null; conversation: ConversationSummary } {
    const at = this.ctx.now();
    const claimed = this.ctx.store.transaction(() => {
      const held = this.ctx.store.care.get(id)?.assignee === agent;
      const ok = this.ctx.store.care.claim(id, agent);
      if (ok && !held) this.ctx.store.care.addEvent(id, at, agent, 'claimed', `${agent} took the conversation`);
      return ok;
    });
    const c = requireConversation(this.ctx.store, id);
    if (!claimed && c.status === 'resolved') throw new ApiError('conflict', `conversation ${id} is resolved; reopen it first`);
    if (claimed) pushConversation(this.ctx, id);
    return { claimed, holder: c.assignee, conversation: toSummary(c) };
  }

  release(id: number, agent: string): ConversationSummary {
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      const c = requireConversation(this.ctx.store, id);
      if (c.assignee !== agent)
        throw new ApiError('conflict', c.assignee ? `${c.assignee} holds conversation ${id}, not ${agent}` : `nobody holds conversation ${id}`);
      this.ctx.store.care.setAssignee(id, null, null, c.status === 'assigned' ? 'new' : c.status);
      this.ctx.store.care.addEvent(id, at, agent, 'released', `${agent} gave the conversation back to the queue`);
    });
    return pushConversation(this.ctx, id);
  }

  assign(id: number, to: string | null, by: string): ConversationSummary {
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      const c = requireConversation(this.ctx.store, id);
      if (c.status === 'resolved') throw new ApiError('conflict', `conversation ${id} is resolved; reopen it first`);
      const agents = this.ctx.store.care.agents();
      if (to !== null && agents.length > 0 && !agents.some((a) => a.name === to)) throw new ApiError('bad-params', `"${to}" is not on the team`);
      const status: ConversationStatus = c.status === 'escalated' || c.status === 'waiting-on-customer' ? c.status : to === null ? 'new' : 'assigned';
      this.ctx.store.care.setAssignee(id, to, agents.find((a) => a.name === to)?.teamId ?? null, status);
      this.ctx.store.care.addEvent(
        id,
        at,
        by,
        'assigned',
        to === null ? `${by} unassigned it` : `${by} assigned it to ${to}${c.assignee ? ` (was ${c.assignee})` : ''}`,
      );
    });
    return pushConversation(this.ctx, id);
  }

  setStatus(id: number, status: Exclude<ConversationStatus, 'resolved' | 'escalated'>, by: string): ConversationSummary {
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      const c = requireConversation(this.ctx.store, id);
      if (c.status === 'resolved') {
        this.ctx.store.care.reopen(id);
        this.ctx.store.care.addEvent(id, at, by, 'reopened', `${by} reopened it`);
      }
      this.ctx.store.care.setStatus(id, status);
      this.ctx.store.care.addEvent(id, at, by, 'status', `${by} set the status to ${status}`);
    });
    return pushConversation(this.ctx, id);
  }

  /**
   * An agent decides whether the conversation needs a reply. With `teach`, the decision becomes the
   * rule for the author's later posts on this platform (the newest lesson wins), as a sentiment
   * correction teaches the model.
   */
  triage(id: number, needsReply: boolean, teach: boolean, by: string): ConversationSummary {
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      const c = requireConversation(this.ctx.store, id);
      this.ctx.store.care.setTriage(id, needsReply, 'agent', at);
      const lesson = teach && !c.authorKey.includes(':?');
      if (lesson) this.ctx.store.care.teachTriage(c.authorKey, needsReply, by, at, id);
      const verdict = needsReply ? 'needs a reply' : 'needs no reply';
      this.ctx.store.care.addEvent(
        id,
        at,
        by,
        'triaged',
        `${by} decided it ${verdict}${c.needsReply === needsReply ? ' (as triage had)' : ` (triage said otherwise: ${c.triageReason})`}${lesson ? `; later posts from @${c.authorHandle} follow` : ''}`,
      );
    });
    return pushConversation(this.ctx, id);
  }

  tag(id: number, tag: string, by: string, remove: boolean): ConversationSummary {
    const at = this.ctx.now();
    const clean = tag.trim().toLowerCase();
    this.ctx.store.transaction(() => {
      const c = requireConversation(this.ctx.store, id);
      const has = c.tags.includes(clean);
      if (remove === !has) return;
      this.ctx.store.care.setTags(id, remove ? c.tags.filter((t) => t !== clean) : [...c.tags, clean].sort());
      this.ctx.store.care.addEvent(id, at, by, remove ? 'untagged' : 'tagged', `${by} ${remove ? 'removed the tag' : 'tagged it'} "${clean}"`);
    });
    return pushConversation(this.ctx, id);
  }

  note(id: number, text: string, by: string): ConversationDetail {
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      const c = requireConversation(this.ctx.store, id);
      this.ctx.store.care.addNote(id, null, by, text, at);
      this.ctx.store.care.addEvent(c.id, at, by, 'note', text);
    });
    pushConversation(this.ctx, id);
    return this.inbox.detail(id);
  }

  /**
   * Escalation to a named person or to the first available lead / PR-legal reviewer, with a reason.
   * The history keeps who escalated, so `deEscalate` hands it back along the same trail.
   */
  escalate(id: number, to: string, reason: string, by: string): ConversationSummary {
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      const c = requireConversation(this.ctx.store, id);
      if (c.status === 'resolved') throw new ApiError('conflict', `conversation ${id} is resolved; reopen it first`);
      const target = this.escalationTarget(to);
      this.ctx.store.care.setAssignee(id, target, this.ctx.store.care.agents().find((a) => a.name === target)?.teamId ?? null, 'escalated');
      this.ctx.store.care.addEvent(
        id,
        at,
        by,
        'escalated',
        `${by} escalated it to ${target}${c.assignee && c.assignee !== by ? ` (held by ${c.assignee})` : ''}: ${reason}`,
      );
    });
    return pushConversation(this.ctx, id);
  }

  private escalationTarget(to: string): string {
    const agents = this.team.agents();
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
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      const c = requireConversation(this.ctx.store, id);
      if (c.status !== 'escalated') throw new ApiError('conflict', `conversation ${id} is not escalated`);
      const last = [...this.ctx.store.care.events(id)].reverse().find((e) => e.kind === 'escalated');
      const back = last?.actor ?? null;
      this.ctx.store.care.setAssignee(id, back, null, back ? 'assigned' : 'new');
      this.ctx.store.care.addEvent(id, at, by, 'de-escalated', `${by} handed it back to ${back ?? 'the queue'}: ${note}`);
    });
    return pushConversation(this.ctx, id);
  }

  movePrivate(id: number, channel: PrivateChannel, by: string, note: string): ConversationSummary {
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      requireConversation(this.ctx.store, id);
      this.ctx.store.care.markPrivate(id, channel, at);
      this.ctx.store.care.addEvent(id, at, by, 'moved-private', `${by} moved it to ${CHANNEL_NAMES[channel]}${note ? `: ${note}` : ''}`);
    });
    return pushConversation(this.ctx, id);
  }

  resolve(id: number, by: string): ConversationSummary {
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      const c = requireConversation(this.ctx.store, id);
      if (c.status === 'resolved') throw new ApiError('conflict', `conversation ${id} is already resolved`);
      this.ctx.store.care.resolve(id, at);
      this.ctx.store.care.addEvent(
        id,
        at,
        by,
        'resolved',
        `${by} resolved it ${c.privateChannel ? `in private (${CHANNEL_NAMES[c.privateChannel]})` : 'in public'}`,
      );
    });
    return pushConversation(this.ctx, id);
  }

  survey(id: number, csat: number | null, nps: number | null, by: string): ConversationSummary {
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      requireConversation(this.ctx.store, id);
      this.ctx.store.care.setSurvey(id, csat, nps);
      this.ctx.store.care.addEvent(
        id,
        at,
        by,
        'survey',
        [csat !== null ? `CSAT ${csat}/5` : '', nps !== null ? `NPS ${nps}/10` : ''].filter(Boolean).join(', '),
      );
    });
    return pushConversation(this.ctx, id);
  }
}
