/** Saved views: pick one to apply its filter and sort; save the current ones under a name, for yourself or (leads) the team. */
import { useEffect, useState } from 'react';
import type { InboxFilterParams, SavedView } from '@shared/contract/areas/care';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { careActions, type InboxSort } from '../../stores/care';
import { Button } from '../../ui';

export interface SavedViewsControlProps {
  filter: InboxFilterParams;
  sort: InboxSort;
  /** Called after a view's filter and sort were applied. */
  onApply: () => void;
}

export function SavedViewsControl({ filter, sort, onApply }: SavedViewsControlProps) {
  const client = useClient();
  const list = useQuery('care.views.list', {});
  const views = list.data?.views ?? [];
  const saving = useAction<{ views: SavedView[] }>();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  // Failures land in the inbox's one notice line, like every other inbox action.
  const failure = saving.error ?? list.error;
  useEffect(() => {
    if (failure) careActions.notice('error', failure);
  }, [failure]);

  const save = () => {
    const named = name.trim();
    if (!named) return;
    saving.run(
      () => client.call('care.views.save', { name: named, filter, sort, shared }),
      (r) => {
        list.update(() => r);
        setName('');
        careActions.notice('ok', `View “${named}” saved${shared ? ' for the team' : ''}`);
      },
    );
  };

  return (
    <div className="inbox-views" data-testid="saved-views">
      <select
        value=""
        onChange={(e) => {
          const view = views.find((v) => v.id === Number(e.currentTarget.value));
          if (view) {
            careActions.setQuery(view.filter, view.sort);
            onApply();
          }
        }}
        aria-label="Saved views"
        data-testid="saved-view-pick"
      >
        <option value="">saved views…</option>
        {views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
            {v.shared ? ' (team)' : ''}
          </option>
        ))}
      </select>
      <input
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && save()}
        placeholder="name this view"
        size={12}
        maxLength={60}
        data-testid="saved-view-name"
      />
      <label title="Leads and admins save views for the whole team">
        <input type="checkbox" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} data-testid="saved-view-shared" /> team
      </label>
      <Button disabled={!name.trim()} busy={saving.pending} onClick={save} data-testid="saved-view-save">
        save view
      </Button>
    </div>
  );
}
