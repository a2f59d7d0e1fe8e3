/** Agents with their current load, teams, routing rules, and the roles that may approve. */
import type { Agent, RoutingRule } from '@shared/domain/care';
import { ApiError } from '../api/api-error';
import type { CareContext } from './care-context';

export class CareTeam {
  constructor(private readonly ctx: CareContext) {}

  agents(): Agent[] {
    const loads = this.ctx.store.care.loads();
    return this.ctx.store.care.agents().map((a) => ({ ...a, load: loads.get(a.name) ?? 0 }));
  }

  saveAgent(a: Omit<Agent, 'load'>): Agent[] {
    if (a.teamId !== null && !this.ctx.store.care.teamExists(a.teamId)) throw new ApiError('bad-params', `team ${a.teamId} does not exist`);
    this.ctx.store.care.saveAgent(a);
    return this.agents();
  }

  saveTeam(id: number | null, name: string): { id: number } {
    try {
      return { id: this.ctx.store.care.saveTeam(id, name) };
    } catch (error) {
      if (String(error).includes('UNIQUE')) throw new ApiError('conflict', `a team called "${name}" already exists`);
      throw error;
    }
  }

  saveRule(rule: Omit<RoutingRule, 'id'> & { id: number | null }): RoutingRule[] {
    if (!this.ctx.store.care.teamExists(rule.teamId)) throw new ApiError('bad-params', `team ${rule.teamId} does not exist`);
    this.ctx.store.care.saveRule(rule);
    return this.ctx.store.care.rules();
  }

  removeRule(id: number): RoutingRule[] {
    if (!this.ctx.store.care.removeRule(id)) throw new ApiError('not-found', `routing rule ${id} does not exist`);
    return this.ctx.store.care.rules();
  }

  role(name: string): Agent['role'] | null {
    return this.ctx.store.care.agents().find((a) => a.name === name)?.role ?? null;
  }
}
