/**
 * A view in replay: the REPLAY band and scrubber on top, then the view as it was at that moment —
 * or, for a desk view that acts on the live war room, a plain notice that it is live-only.
 */
import type { ComponentType } from 'react';
import type { ViewName } from '@shared/domain/layout';
import { VIEW_TITLES } from '../app/view-titles';
import { ReplayBar } from './ReplayBar';
import { replayActions } from './time-context';
import './replay.css';

/** Views that can show the past: walls read the record at the replay's moment; the review view drives replays. */
export const REPLAY_VIEWS: ReadonlySet<string> = new Set(['overview', 'wall', 'alerts', 'inbox', 'sources', 'review', 'report']);

export function ReplayShell({ view, View }: { view: ViewName; View: ComponentType }) {
  return (
    <div className="replay-shell" data-testid="replay-shell">
      <ReplayBar />
      <div className="replay-shell__view">{REPLAY_VIEWS.has(view) ? <View /> : <LiveOnlyNotice view={view} />}</div>
    </div>
  );
}

function LiveOnlyNotice({ view }: { view: ViewName }) {
  return (
    <section className="replay-notice" data-testid="replay-live-only">
      <h1>{VIEW_TITLES[view].title} is live-only</h1>
      <p>
        This window is replaying the record. {VIEW_TITLES[view].title} acts on the live war room, so it is not shown during a replay. The walls (
        <a href="#/overview">Overview</a>, <a href="#/wall">Wall</a>), the <a href="#/alerts">Alerts</a> list, the <a href="#/inbox">Inbox</a> and the{' '}
        <a href="#/sources">Sources</a> (read-only) and <a href="#/review">Review</a> show the replayed moment.
      </p>
      <p>
        <button type="button" data-testid="replay-live-only-exit" onClick={() => replayActions.stop()}>
          Back to live
        </button>
      </p>
    </section>
  );
}
