import { DrillBanner } from '../../widgets/DrillBanner';
import { useDrillState } from './use-drill-state';

/** On every view and wall (App renders it): the DRILL banner while a drill runs. */
export function DrillBannerContainer() {
  const run = useDrillState();
  if (!run) return null;
  return <DrillBanner scenarioName={run.scenarioName} offsetMs={run.offsetMs} durationMs={run.durationMs} startedBy={run.startedBy} injected={run.injected} />;
}
