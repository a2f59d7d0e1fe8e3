import { ClockContainer } from '../common/ClockContainer';
import { ConnectionStatusContainer } from '../common/ConnectionStatusContainer';
import { AlertsPanel } from './AlertsPanel';
import { SourcesTable } from './SourcesTable';
import { ViewLinks } from './ViewLinks';
import './sources.css';

/** The workstation control view: source health and controls, demo triggers, alert handling. */
export function SourcesView() {
  return (
    <main className="console">
      <header className="console__header">
        <div className="console__brand">
          <span className="console__logo">EARSHOT</span>
          <nav className="console__nav" aria-label="Views">
            <a href="#/overview">Overview</a>
            <a href="#/sources" aria-current="page">
              Sources
            </a>
          </nav>
        </div>
        <ConnectionStatusContainer />
        <ClockContainer />
      </header>
      <ViewLinks />
      <section className="console__section" aria-labelledby="sources-heading">
        <h2 id="sources-heading">Sources</h2>
        <SourcesTable />
      </section>
      <section className="console__section" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Open alerts</h2>
        <AlertsPanel />
      </section>
    </main>
  );
}
