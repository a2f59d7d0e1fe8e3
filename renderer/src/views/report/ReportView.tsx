/**
 * `#/report`: an incident (or period) report laid out for print: A4 pages, sharp SVG charts, a
 * running header with the title and generation time, one section per page, no live UI chrome.
 * The PDF export prints exactly this page; it waits for `<body data-report-ready="true">`.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ExportedFile, ReportTarget } from '@shared/contract/areas/reports';
import type { WorkspaceInfo } from '@shared/domain/review';
import { RpcCallError, type RpcClient } from '@shared/rpc/client';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { useClient } from '../../lib/client-context';
import { Button, EmptyState, ErrorNotice, Time } from '../../ui';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { ReportDocument } from './ReportDocument';
import { readReportParams, reportHash } from './report-params';
import './report.css';

function subscribeHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function ReportView() {
  const hash = useSyncExternalStore(subscribeHash, () => window.location.hash);
  const { target, workspace, print } = readReportParams(hash);
  const key = target === null ? '' : JSON.stringify(target);
  return (
    <div className={`report-page${print ? ' report-page--print' : ''}`} data-testid="report-view">
      {target === null ? (
        // The picker is a desk page like any other: the header and its views are the way back.
        <ConsoleFrame current="report">
          <ReportPicker workspace={workspace} />
        </ConsoleFrame>
      ) : (
        <ReportLoader key={key} target={target} print={print} />
      )}
    </div>
  );
}

function ReportLoader({ target, print }: { target: ReportTarget; print: boolean }) {
  const built = useQuery('reports.build', target);
  const report = built.data?.report ?? null;
  const error = report === null ? built.error : null;

  // Set after the report (or its error) is on screen: the PDF printer waits for it.
  useEffect(() => {
    const body = document.body;
    if (report !== null || error !== null) {
      body.dataset.reportReady = 'true';
      if (error !== null) body.dataset.reportError = error;
      else delete body.dataset.reportError;
    }
    return () => {
      delete body.dataset.reportReady;
      delete body.dataset.reportError;
    };
  }, [report, error]);

  return (
    <>
      {!print && <ReportToolbar target={target} />}
      {error !== null && <ErrorNotice className="report-page__error" error={`The report could not be built: ${error}`} testId="report-error" />}
      {report === null && error === null && <p className="report-page__loading">Building the report…</p>}
      {report !== null && <ReportDocument report={report} />}
    </>
  );
}

/** Serve mode fetches the written file from the same origin; Electron shows it in its folder. */
function download(file: ExportedFile): void {
  if (file.revealed || !window.location.protocol.startsWith('http')) return;
  const a = document.createElement('a');
  a.href = file.downloadPath;
  a.download = file.fileName;
  a.click();
}

/** PDF export: starting a browser to print can outlast the call's timeout, so the outcome is also pushed. */
function exportPdf(client: RpcClient, target: ReportTarget): Promise<ExportedFile> {
  const requestId = `pdf-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  return new Promise<ExportedFile>((resolve, reject) => {
    const unsubscribe = client.subscribe('reports.exported', (event) => {
      if (event.requestId !== requestId) return;
      unsubscribe();
      if (event.file) resolve(event.file);
      else reject(new Error(event.error ?? 'PDF export failed'));
    });
    client.call('reports.exportPdf', { ...target, requestId }).then(
      (file) => {
        unsubscribe();
        resolve(file);
      },
      (e: unknown) => {
        // A timeout only means "still printing": wait for the push.
        if (e instanceof RpcCallError && e.code === 'timeout') return;
        unsubscribe();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function ReportToolbar({ target }: { target: ReportTarget }) {
  const client = useClient();
  const [kind, setKind] = useState<'pdf' | 'csv' | null>(null);
  const exporting = useAction<ExportedFile>();
  const done = exporting.result;
  const busy = exporting.pending ? kind : null;

  const run = (which: 'pdf' | 'csv'): void => {
    setKind(which);
    exporting.run(() => (which === 'csv' ? client.call('reports.exportCsv', target) : exportPdf(client, target)), download);
  };

  return (
    <nav className="report-toolbar" aria-label="Report">
      <a href="#/report" data-testid="report-back">
        All reports
      </a>
      <a href="#/alerts">Alerts</a>
      <Button variant="primary" onClick={() => run('pdf')} busy={exporting.pending} data-testid="report-export-pdf">
        {busy === 'pdf' ? 'Printing PDF…' : 'Export PDF'}
      </Button>
      <Button onClick={() => run('csv')} busy={exporting.pending} data-testid="report-export-csv">
        {busy === 'csv' ? 'Writing CSV…' : 'Export CSV of mentions'}
      </Button>
      <Button onClick={() => window.print()} data-testid="report-print">
        Print
      </Button>
      {done && (
        <span className="report-toolbar__done" data-testid="report-export-done" data-file-name={done.fileName}>
          Saved {done.fileName} ({Math.max(1, Math.round(done.bytes / 1024))} kB{done.rows !== null ? `, ${done.rows} mentions` : ''}) in the data folder’s
          “exports” folder.{' '}
          {window.location.protocol.startsWith('http') && (
            <a href={done.downloadPath} download={done.fileName}>
              Download again
            </a>
          )}
        </span>
      )}
      <ErrorNotice className="report-toolbar__error" error={exporting.error} testId="report-export-error" />
    </nav>
  );
}

/**
 * Without a target: the incidents of a workspace (the live war room, or a read-only copy opened in
 * Review: a folder or someone's incident bundle), and a period form.
 */
function ReportPicker({ workspace }: { workspace: string }) {
  const list = useQuery('review.workspaces.list', {}, { refreshOn: ['review.workspaces.changed'] });
  const periods = useQuery('review.periods', { workspace, limit: 100 });
  const workspaces: WorkspaceInfo[] = list.data?.workspaces ?? [];
  const incidents = periods.data?.incidents ?? null;
  const failure = incidents === null ? periods.error : null;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  const fromMs = from ? new Date(from).getTime() : NaN;
  const toMs = to ? new Date(to).getTime() : NaN;
  const periodOk = Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs > fromMs;

  return (
    <main className="report-picker">
      <nav className="report-toolbar" aria-label="Views">
        <a href="#/overview">Overview</a> <a href="#/alerts">Alerts</a> <a href="#/review">Review</a>
      </nav>
      <h1>Incident reports</h1>
      <p>Pick an incident, or a period, to see its report; export it as PDF or the underlying mentions as CSV.</p>
      <label className="report-picker__workspace">
        Workspace{' '}
        <select
          value={workspace}
          onChange={(e) => {
            window.location.hash = `#/report?ws=${encodeURIComponent(e.target.value)}`;
          }}
          data-testid="report-workspace"
        >
          {!workspaces.some((w) => w.id === workspace) && <option value={workspace}>{workspace === 'live' ? 'The live record' : workspace}</option>}
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.id === 'live' ? 'The live record' : `${w.name} (${w.kind}, read-only)`}
            </option>
          ))}
        </select>
      </label>
      <h2>Incidents</h2>
      {failure ? (
        <ErrorNotice error={failure} testId="report-picker-error" />
      ) : incidents === null ? (
        <p>Loading…</p>
      ) : incidents.length === 0 ? (
        <EmptyState>No incidents in this workspace.</EmptyState>
      ) : (
        <ul data-testid="report-incidents">
          {incidents.map((i) => (
            <li key={i.id}>
              <a href={reportHash({ workspace, incidentId: i.id })} data-testid="report-incident-link">
                {i.title}
              </a>{' '}
              · {i.severity} · <Time ms={i.openedAt} style="dayTime" />
              {i.resolvedAt === null ? ' · open' : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>A period</h2>
      <form
        className="report-picker__period"
        onSubmit={(e) => {
          e.preventDefault();
          if (periodOk) window.location.hash = reportHash({ workspace, from: fromMs, to: toMs });
        }}
      >
        <label>
          From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="report-from" />
        </label>
        <label>
          To <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="report-to" />
        </label>
        <Button type="submit" variant="primary" disabled={!periodOk} data-testid="report-period-open">
          Open report
        </Button>
      </form>
    </main>
  );
}
