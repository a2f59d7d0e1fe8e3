/** Saved responses: anyone on the team may write one; only a lead or PR/legal reviewer may approve it. */
import { ApiError } from '../api/api-error';
import type { CareContext } from './care-context';
import type { CareTeam } from './team';

export class ReplyTemplates {
  constructor(
    private readonly ctx: CareContext,
    private readonly team: CareTeam,
  ) {}

  saveTemplate(id: number | null, name: string, body: string): { id: number } {
    try {
      return { id: this.ctx.store.care.saveTemplate(id, name, body, this.ctx.now()) };
    } catch (error) {
      if (String(error).includes('UNIQUE')) throw new ApiError('conflict', `a template called "${name}" already exists`);
      throw error;
    }
  }

  approveTemplate(id: number, by: string): void {
    const role = this.team.role(by);
    if (role !== 'lead' && role !== 'pr-legal') throw new ApiError('conflict', `${by} cannot approve responses: only leads and PR/legal reviewers can`);
    if (!this.ctx.store.care.approveTemplate(id, by, this.ctx.now())) throw new ApiError('not-found', `template ${id} does not exist`);
  }
}
