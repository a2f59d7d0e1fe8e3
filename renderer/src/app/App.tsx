import { useEffect } from 'react';
import { OverviewView } from '../views/overview/OverviewView';
import { SourcesView } from '../views/sources/SourcesView';
import { normaliseHash, useView } from './route';
import { useBodyMarkers } from './use-body-markers';

export function App() {
  const view = useView();
  useBodyMarkers(view);
  useEffect(() => {
    normaliseHash();
    window.addEventListener('hashchange', normaliseHash);
    return () => window.removeEventListener('hashchange', normaliseHash);
  }, []);
  return view === 'sources' ? <SourcesView /> : <OverviewView />;
}
