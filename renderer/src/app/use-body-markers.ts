import { useEffect } from 'react';
import type { ViewName } from '@shared/domain/layout';
import { formatReplayMoment } from '../replay/format';
import { useTimeContext } from '../replay/time-context';
import { useConnectionStore } from '../stores/connection';
import { VIEW_TITLES } from './view-titles';

/**
 * Marks on <body> that end-to-end tests wait for instead of sleeping: the current view, and
 * "ready" once the first snapshots of the current connection are on screen.
 */
export function useBodyMarkers(view: ViewName): void {
  const synced = useConnectionStore((s) => s.synced);

  // A replaying window says so in its title too (to the minute: the title is not a clock).
  const replayMinute = useTimeContext((s) => (s.mode === 'replay' ? Math.floor(s.at / 60_000) * 60_000 : null));
  useEffect(() => {
    document.body.dataset.earshotView = view;
    const title = `Earshot — ${VIEW_TITLES[view].title}`;
    document.title = replayMinute === null ? title : `REPLAY · ${formatReplayMoment(replayMinute)} — ${title}`;
    document.body.dataset.earshotReplay = String(replayMinute !== null);
  }, [view, replayMinute]);

  useEffect(() => {
    document.body.dataset.earshotReady = String(synced);
  }, [synced]);
}
