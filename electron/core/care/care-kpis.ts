/** The care KPIs over a period (overall, per agent, per team) and the customers still waiting for an answer. */
import type { WaitingItem } from '../../../shared/domain/waiting';
import { computeKpis, groupFigures, rankAgents, type GroupFigures, type KpiFigures } from '../../../shared/logic/care/kpis';
import { ApiError } from '../api/api-error';
import type { CareContext } from './care-context';
import { readCareSettings } from './settings';

export type KpiResult = KpiFigures & { perAgent: GroupFigures[]; perTeam: GroupFigures[]; leaderboard: boolean; from: number; to: number };

export class CareKpis {
  constructor(private readonly ctx: CareContext) {}

  kpis(p: { from: number; to: number; agent?: string | undefined; teamId?: number | undefined }): KpiResult {
    if (p.to <= p.from) throw new ApiError('bad-params', 'care.kpis: "to" must be after "from"');
    const settings = readCareSettings(this.ctx);
    const options = { asOf: Math.min(p.to, this.ctx.now()), businessHours: settings.businessHours, targetMinutes: settings.responseTargetMinutes };
    const records = this.ctx.store.care.forKpis(p.from, p.to).filter((c) => (p.agent === undefined || c.assignee === p.agent) && (p.teamId === undefined || c.teamId === p.teamId));
    const teamNames = new Map(this.ctx.store.care.teams().map((t) => [t.id, t.name]));
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
    return this.ctx.store.care.waiting(now).map((c) => ({
      conversationId: c.id,
      firstMentionId: c.waitingMentionId ?? 0,
      waitingSince: c.waitingSince!,
      topicIds: c.topicIds,
      authorHandle: c.authorHandle,
    }));
  }
}
