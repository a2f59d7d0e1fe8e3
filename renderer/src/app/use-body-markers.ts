import { useEffect } from 'react';
import type { ViewName } from '../../../shared/domain/layout';
import { useConnectionStore } from '../stores/connection';
import { VIEW_TITLES } from './view-titles';


/**
 * Marks on <body> that end-to-end tests wait for instead of sleeping: the current view, and
 * "ready" once the first snapshots of the current connection are on screen.
 */
export function useBodyMarkers(view: ViewName): void {
  const synced = useConnectionStore((s) => s.synced);

  useEffect(() => {
    document.body.dataset.earshotView = view;
    document.title = `Earshot — ${VIEW_TITLES[view].title}`;
  }, [view]);

  useEffect(() => {
    document.body.dataset.earshotReady = String(synced);
  }, [synced]);
}
