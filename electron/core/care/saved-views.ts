/**
 * Saved inbox views: a name for a filter and a sort. Each person keeps their own; leads (and
 * admins) also save shared ones the whole team sees. Filters are stored as the contract's filter
 * (validated again when read back, so a view saved by an older version cannot break the inbox).
 */
import { inboxFilterSchema, type SavedView } from '@shared/contract/areas/care';
import type { InboxFilterParams } from '@shared/contract/areas/care';
import { ApiError } from '../api/api-error';
import type { CareContext } from './care-context';

const SORTS = ['urgency', 'newest', 'waiting'] as const;
type Sort = (typeof SORTS)[number];

export class SavedViews {
  constructor(private readonly ctx: CareContext) {}

  list(person: string): SavedView[] {
    return this.ctx.store.care.visibleViews(person).flatMap((r) => {
      const filter = inboxFilterSchema.safeParse(JSON.parse(r.filter));
      const sort = SORTS.includes(r.sort as Sort) ? (r.sort as Sort) : 'urgency';
      if (!filter.success) {
        this.ctx.logger.warn('saved view skipped: its filter no longer validates', { view: r.id, error: filter.error.issues[0]?.message });
        return [];
      }
      return [{ id: r.id, name: r.name, shared: r.owner === null, filter: filter.data, sort, createdBy: r.created_by, createdAt: r.created_at }];
    });
  }

  save(p: { name: string; filter: InboxFilterParams; sort: Sort; shared: boolean }, person: string, mayShare: boolean): SavedView[] {
    if (p.shared && !mayShare) throw new ApiError('forbidden', 'only leads and admins save views for the whole team; save it as your own');
    this.ctx.store.care.saveView({
      name: p.name,
      owner: p.shared ? null : person,
      filter: JSON.stringify(p.filter),
      sort: p.sort,
      by: person,
      at: this.ctx.now(),
    });
    return this.list(person);
  }

  remove(id: number, person: string, mayShare: boolean): SavedView[] {
    const view = this.ctx.store.care.savedView(id);
    if (!view) throw new ApiError('not-found', `saved view ${id} does not exist`);
    if (view.owner === null ? !mayShare : view.owner !== person)
      throw new ApiError('forbidden', view.owner === null ? 'only leads and admins remove shared views' : 'that view is someone else’s');
    this.ctx.store.care.removeView(id);
    return this.list(person);
  }
}
