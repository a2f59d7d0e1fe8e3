import { ConsoleFrame } from '../common/ConsoleFrame';
import { AlertsPanel } from './AlertsPanel';
import { SourcesTable } from './SourcesTable';
import { ViewLinks } from './ViewLinks';
import './sources.css';

/** The workstation control view: source health and controls, demo triggers, alert handling. */
export function SourcesView() {
  return (
    <ConsoleFrame current="sources">
      <ViewLinks />
      <section className="console__section" aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        <SourcesTable />
      </section>
      <section className="console__section" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Open alerts</h2>
        <AlertsPanel />
      </section>
    </ConsoleFrame>
  );
}
