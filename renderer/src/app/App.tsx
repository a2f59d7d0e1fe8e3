import { useEffect, type ComponentType } from 'react';
import type { ViewName } from '@shared/domain/layout';
import { OverviewView } from '../views/overview/OverviewView';
import { SourcesView } from '../views/sources/SourcesView';
import { TopicsView } from '../views/topics/TopicsView';
import { ControlView } from '../views/control/ControlView';
import { LayoutsView } from '../views/layouts/LayoutsView';
import { WallView } from '../views/wall/WallView';
import { CustomersView } from '../views/inbox/CustomersView';
import { InboxView } from '../views/inbox/InboxView';
import { TeamView } from '../views/inbox/TeamView';
import { AlertsView } from '../views/alerts/AlertsView';
import { AuthorsView } from '../views/understanding/AuthorsView';
import { ReviewView } from '../views/review/ReviewView';
import { ReportView } from '../views/report/ReportView';
import { UnderstandingView } from '../views/understanding/UnderstandingView';
import { DrillsView } from '../views/drills/DrillsView';
import { PeopleView } from '../views/people/PeopleView';
import { AuditView } from '../views/people/AuditView';
import { DrillBannerContainer } from '../views/drills/DrillBannerContainer';
import { ReplayShell } from '../replay/ReplayShell';
import { useTimeContext } from '../replay/time-context';
import { normaliseHash, useView } from './route';
import { useBodyMarkers } from './use-body-markers';

/** Which component draws each view. A new view adds one line here and one in `view-titles.ts`. */
const VIEW_COMPONENTS: Record<ViewName, ComponentType> = {
  overview: OverviewView,
  sources: SourcesView,
  topics: TopicsView,
  wall: WallView,
  control: ControlView,
  layouts: LayoutsView,
  inbox: InboxView,
  customers: CustomersView,
  team: TeamView,
  alerts: AlertsView,
  understanding: UnderstandingView,
  authors: AuthorsView,
  review: ReviewView,
  report: ReportView,
  drills: DrillsView,
  people: PeopleView,
  audit: AuditView,
};

export function App() {
  const view = useView();
  useBodyMarkers(view);
  useEffect(() => {
    normaliseHash();
    window.addEventListener('hashchange', normaliseHash);
    return () => window.removeEventListener('hashchange', normaliseHash);
  }, []);
  const View = VIEW_COMPONENTS[view];
  const replaying = useTimeContext((s) => s.mode === 'replay');
  // The DRILL banner sits over every view and wall while a drill runs (replays included: it is about now).
  return (
    <>
      {replaying ? <ReplayShell view={view} View={View} /> : <View />}
      <DrillBannerContainer />
    </>
  );
}
