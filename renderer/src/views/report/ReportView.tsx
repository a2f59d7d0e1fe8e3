/**
 * `#/report`: an incident (or period) report laid out for print: A4 pages, sharp SVG charts, a
 * running header with the title and generation time, one section per page, no live UI chrome.
 * The PDF export prints exactly this page; it waits for `<body data-report-ready="true">`.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ExportedFile, ReportTarget } from '../../../../shared/contract/areas/reports';
import type { Incident } from '../../../../shared/domain/alert';
import type { WorkspaceInfo } from '../../../../shared/domain/review';
import type { ReportModel } from '../../../../shared/logic/reports/types';
import { RpcCallError } from '../../../../shared/rpc/client';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { useConnectionStore } from '../../stores/connection';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { formatDateTime } from '../../lib/time-format';
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
  const client = useClient();
  const online = useConnectionStore((s) => s.pipe === 'open' && s.synced);
  const [report, setReport] = useState<ReportModel | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!online || report !== null) return;
    let cancelled = false;
    client.call('reports.build', target).then(
      (r) => {
        if (!cancelled) setReport(r.report);
      },
      (e: unknown) => {
        if (!cancelled) setError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, online, report, target]);

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
      {error !== null && <p className="report-page__error" role="alert" data-testid="report-error">The report could not be built: {error}</p>}
      {report === null && error === null && <p className="report-page__loading">Building the report…</p>}
      {report !== null && <ReportDocument report={report} />}
    </>
  );
}

function ReportToolbar({ target }: { target: ReportTarget }) {
  const client = useClient();
  const [busy, setBusy] = useState<'pdf' | 'csv' | null>(null);
  const [done, setDone] = useState<ExportedFile | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const finish = (file: ExportedFile): void => {
    setDone(file);
    setBusy(null);
    // Serve mode: fetch the file from the same origin. (Electron shows it in its folder.)
    if (!file.revealed && window.location.protocol.startsWith('http')) {
      const a = document.createElement('a');
      a.href = file.downloadPath;
      a.download = file.fileName;
      a.click();
    }
  };
  const fail = (e: unknown): void => {
    setFailure(errorMessage(e));
    setBusy(null);
  };

  const run = (kind: 'pdf' | 'csv'): void => {
    setBusy(kind);
    setFailure(null);
    if (kind === 'csv') {
      client.call('reports.exportCsv', target).then(finish, fail);
      return;
    }
    // Starting a browser to print can outlast the call's timeout: the outcome is also pushed.
    const requestId = `pdf-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      unsubscribe();
      outcome();
    };
    const unsubscribe = client.subscribe('reports.exported', (event) => {
      if (event.requestId !== requestId) return;
      settle(() => (event.file ? finish(event.file) : fail(new Error(event.error ?? 'PDF export failed'))));
    });
    client.call('reports.exportPdf', { ...target, requestId }).then(
      (file) => settle(() => finish(file)),
      (e: unknown) => {
        // A timeout only means "still printing": wait for the push.
        if (e instanceof RpcCallError && e.code === 'timeout') return;
        settle(() => fail(e));
      },
    );
  };

  return (
    <nav className="report-toolbar" aria-label="Report">
      <a href="#/report" data-testid="report-back">All reports</a>
      <a href="#/alerts">Alerts</a>
      <button type="button" onClick={() => run('pdf')} disabled={busy !== null} data-testid="report-export-pdf">{busy === 'pdf' ? 'Printing PDF…' : 'Export PDF'}</button>
      <button type="button" onClick={() => run('csv')} disabled={busy !== null} data-testid="report-export-csv">{busy === 'csv' ? 'Writing CSV…' : 'Export CSV of mentions'}</button>
      <button type="button" onClick={() => window.print()} data-testid="report-print">Print</button>
      {done && (
        <span className="report-toolbar__done" data-testid="report-export-done" data-file-name={done.fileName}>
          Saved {done.fileName} ({Math.max(1, Math.round(done.bytes / 1024))} kB{done.rows !== null ? `, ${done.rows} mentions` : ''}) in the data folder’s “exports” folder.{' '}
          {window.location.protocol.startsWith('http') && <a href={done.downloadPath} download={done.fileName}>Download again</a>}
        </span>
      )}
      {failure && <span className="report-toolbar__error" role="alert" data-testid="report-export-error">{failure}</span>}
    </nav>
  );
}

/**
 * Without a target: the incidents of a workspace (the live war room, or a read-only copy opened in
 * Review: a folder or someone's incident bundle), and a period form.
 */
function ReportPicker({ workspace }: { workspace: string }) {
  const client = useClient();
  const online = useConnectionStore((s) => s.pipe === 'open' && s.synced);
  const [workspaces, setWorkspaces] = useState<WorkspaceInfo[]>([]);
  const [incidents, setIncidents] = useState<Incident[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  useEffect(() => {
    if (!online) return;
    let cancelled = false;
    setIncidents(null);
    setFailure(null);
    client.call('review.workspaces.list', {}).then(
      (r) => {
        if (!cancelled) setWorkspaces(r.workspaces);
      },
      () => undefined,
    );
    client.call('review.periods', { workspace, limit: 100 }).then(
      (r) => {
        if (!cancelled) setIncidents(r.incidents);
      },
      (error: unknown) => {
        if (!cancelled) setFailure(errorMessage(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, online, workspace]);

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
        <select value={workspace} onChange={(e) => { window.location.hash = `#/report?ws=${encodeURIComponent(e.target.value)}`; }} data-testid="report-workspace">
          {!workspaces.some((w) => w.id === workspace) && <option value={workspace}>{workspace === 'live' ? 'The live record' : workspace}</option>}
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.id === 'live' ? 'The live record' : `${w.name} (${w.kind}, read-only)`}
            </option>
          ))}
        </select>
      </label>
      <h2>Incidents</h2>
      {failure ? <p role="alert" data-testid="report-picker-error">{failure}</p> : incidents === null ? <p>Loading…</p> : incidents.length === 0 ? <p>No incidents in this workspace.</p> : (
        <ul data-testid="report-incidents">
          {incidents.map((i) => (
            <li key={i.id}>
              <a href={reportHash({ workspace, incidentId: i.id })} data-testid="report-incident-link">{i.title}</a> · {i.severity} · {formatDateTime(i.openedAt)}
              {i.resolvedAt === null ? ' · open' : ''}
            </li>
          ))}
        </ul>
      )}
      <h2>A period</h2>
      <form className="report-picker__period" onSubmit={(e) => { e.preventDefault(); if (periodOk) window.location.hash = reportHash({ workspace, from: fromMs, to: toMs }); }}>
        <label>From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="report-from" /></label>
        <label>To <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="report-to" /></label>
        <button type="submit" disabled={!periodOk} data-testid="report-period-open">Open report</button>
      </form>
    </main>
  );
}
