import { useEffect, type ComponentType } from 'react';
import type { ViewName } from '../../../shared/domain/layout';
import { OverviewView } from '../views/overview/OverviewView';
import { SourcesView } from '../views/sources/SourcesView';
import { normaliseHash, useView } from './route';
import { useBodyMarkers } from './use-body-markers';

/** Which component draws each view. A new view adds one line here and one in `view-titles.ts`. */
const VIEW_COMPONENTS: Record<ViewName, ComponentType> = {
  overview: OverviewView,
  sources: SourcesView,
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
  return <View />;
}
