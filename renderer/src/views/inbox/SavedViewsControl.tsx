/** Saved views: pick one to apply its filter and sort; save the current ones under a name, for yourself or (leads) the team. */
import { useCallback, useEffect, useState } from 'react';
import type { InboxFilterParams, SavedView } from '../../../../shared/contract/areas/care';
import { useClient } from '../../lib/client-context';
import { careActions, type InboxSort } from '../../stores/care';

export interface SavedViewsControlProps {
  filter: InboxFilterParams;
  sort: InboxSort;
  /** Called after a view's filter and sort were applied. */
  onApply: () => void;
}

export function SavedViewsControl({ filter, sort, onApply }: SavedViewsControlProps) {
  const client = useClient();
  const [views, setViews] = useState<SavedView[]>([]);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const fail = useCallback((error: unknown) => careActions.notice('error', error instanceof Error ? error.message : String(error)), []);

  useEffect(() => {
    client.call('care.views.list', {}).then((r) => setViews(r.views), fail);
  }, [client, fail]);

  const save = () => {
    if (!name.trim()) return;
    client.call('care.views.save', { name: name.trim(), filter, sort, shared }).then((r) => {
      setViews(r.views);
      setName('');
      careActions.notice('ok', `View “${name.trim()}” saved${shared ? ' for the team' : ''}`);
    }, fail);
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
            {v.name}{v.shared ? ' (team)' : ''}
          </option>
        ))}
      </select>
      <input value={name} onChange={(e) => setName(e.currentTarget.value)} onKeyDown={(e) => e.key === 'Enter' && save()} placeholder="name this view" size={12} maxLength={60} data-testid="saved-view-name" />
      <label title="Leads and admins save views for the whole team">
        <input type="checkbox" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} data-testid="saved-view-shared" /> team
      </label>
      <button type="button" disabled={!name.trim()} onClick={save} data-testid="saved-view-save">save view</button>
    </div>
  );
}
