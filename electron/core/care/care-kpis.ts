/** The care KPIs over a period (overall, per agent, per team) and the customers still waiting for an answer. */
import type { WaitingItem } from '@shared/domain/waiting';
import { computeKpis, groupFigures, rankAgents, type GroupFigures, type KpiFigures } from '@shared/logic/care/kpis';
import { ApiError } from '../api/api-error';
import type { CareContext } from './care-context';
import { readCareSettings } from './settings';

/** Right now: customers waiting on a post that needs a reply, and how many past the target (what the breach alert counts). */
export interface WaitingNow {
  waiting: number;
  overTarget: number;
  longestMinutes: number | null;
  targetMinutes: number;
}

export type KpiResult = KpiFigures & {
  perAgent: GroupFigures[];
  perTeam: GroupFigures[];
  leaderboard: boolean;
  from: number;
  to: number;
  waitingNow: WaitingNow;
};

export class CareKpis {
  constructor(private readonly ctx: CareContext) {}

  kpis(p: { from: number; to: number; agent?: string | undefined; teamId?: number | undefined }): KpiResult {
    if (p.to <= p.from) throw new ApiError('bad-params', 'care.kpis: "to" must be after "from"');
    const settings = readCareSettings(this.ctx);
    const options = { asOf: Math.min(p.to, this.ctx.now()), businessHours: settings.businessHours, targetMinutes: settings.responseTargetMinutes };
    const { touched, untouched } = this.ctx.store.care.forKpis(p.from, p.to, options.asOf, options.targetMinutes);
    const records = touched.filter((c) => (p.agent === undefined || c.assignee === p.agent) && (p.teamId === undefined || c.teamId === p.teamId));
    const teamNames = new Map(this.ctx.store.care.teams().map((t) => [t.id, t.name]));
    const perAgent = groupFigures(records, (c) => c.assignee, options);
    return {
      // Untouched conversations have no agent or team: a filter on either leaves them all out.
      ...computeKpis(records, options, p.agent === undefined && p.teamId === undefined ? untouched : undefined),
      perAgent: settings.leaderboard ? rankAgents(perAgent) : perAgent.sort((a, b) => a.key.localeCompare(b.key)),
      perTeam: groupFigures(records, (c) => (c.teamId === null ? null : (teamNames.get(c.teamId) ?? `team ${c.teamId}`)), options),
      leaderboard: settings.leaderboard,
      waitingNow: this.waitingNow(settings.responseTargetMinutes),
      from: p.from,
      to: p.to,
    };
  }

  /** The same list and rule as the response-time alert (an alert rule with this target counts the same customers). */
  waitingNow(targetMinutes: number): WaitingNow {
    const now = this.ctx.now();
    const { waiting, late, oldestLate } = this.ctx.store.care.waitingSummary(now, targetMinutes);
    // lateWaiting's rule, counted by SQL: the same figures without listing every waiting customer.
    return { waiting, overTarget: late, longestMinutes: oldestLate === null ? null : Math.floor((now - oldestLate) / 60_000), targetMinutes };
  }

  /** Customers still waiting for a first answer (or an answer to their newest post), longest first. */
  waiting(now: number): WaitingItem[] {
    return this.ctx.store.care.waiting(now);
  }
}
