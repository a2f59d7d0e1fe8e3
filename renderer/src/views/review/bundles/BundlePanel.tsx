/**
 * Incident bundles in the review console: export the picked incident or period of the chosen
 * workspace to one checksummed file, verify a bundle file, or import one as a read-only workspace.
 * A browser uploads the bundle it verifies or imports; the hub's own window names a path on its
 * machine instead. The exported file downloads through `/exports/<file name>` when the page is served
 * over HTTP.
 */
import { useState } from 'react';
import { FileOnHubField } from '../../common/FileOnHubField';
import { BUNDLE_KINDS, type BundleKind, type BundleSummary } from '@shared/contract/bundle-schema';
import type { WorkspaceInfo } from '@shared/domain/review';
import { useClient } from '../../../lib/client-context';
import { useAction } from '../../../data/use-action';
import { Button, ErrorNotice, Time } from '../../../ui';
import './bundles.css';

export interface BundleSelection {
  from: number;
  to: number;
  label: string;
  /** When set, the bundle is the incident's (its alerts' span with an hour either side, its topic). */
  incidentId?: number | null;
  topicId?: number | null;
}

export interface BundlePanelProps {
  /** The workspace an export reads ('live' or an open read-only one). */
  workspace: string;
  /** The incident or period picked in the review view; null when none is. */
  selection: BundleSelection | null;
  /** After an import: the new read-only workspace (the review view may switch to it). */
  onImported?: (workspace: WorkspaceInfo) => void;
}

/** Singular and plural, for "1 incident · 214 mentions". */
const KIND_LABELS: Record<BundleKind, [string, string]> = {
  sources: ['source', 'sources'],
  topics: ['topic', 'topics'],
  careTeams: ['care team', 'care teams'],
  alertRules: ['alert rule', 'alert rules'],
  incidents: ['incident', 'incidents'],
  mentions: ['mention', 'mentions'],
  authors: ['author', 'authors'],
  alerts: ['alert', 'alerts'],
  alertEvents: ['alert action', 'alert actions'],
  annotations: ['annotation', 'annotations'],
  careConversations: ['conversation', 'conversations'],
  alertVersions: ['alert version', 'alert versions'],
  careEvents: ['care action', 'care actions'],
  careReplies: ['reply', 'replies'],
  wallEvents: ['wall event', 'wall events'],
  sourceEvents: ['source event', 'source events'],
};

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function BundlePanel({ workspace, selection, onImported }: BundlePanelProps) {
  return (
    <section className="console__section review bundles" data-testid="bundle-panel">
      <h2>Incident bundles</h2>
      <p className="review__hint">
        One file with an incident's mentions, alerts, actions and annotations, sealed with a SHA-256 checksum of its contents: any Earshot can check it was not
        altered and open it read-only.
      </p>
      <ExportForm key={workspace} workspace={workspace} selection={selection} />
      <PathForm onImported={onImported} />
    </section>
  );
}

function ExportForm({ workspace, selection }: { workspace: string; selection: BundleSelection | null }) {
  const client = useClient();
  const exporting = useAction<BundleSummary & { path: string }>();
  const result = exporting.result;
  const served = typeof window !== 'undefined' && /^https?:$/.test(window.location.protocol);
  const exportNow = () => {
    if (!selection) return;
    const incidentId = selection.incidentId ?? null;
    const scope = incidentId !== null ? { incidentId } : { from: Math.round(selection.from), to: Math.round(selection.to), topicId: selection.topicId ?? null };
    exporting.run(() => client.call('bundles.export', { workspace, ...scope }));
  };
  return (
    <div className="bundles__block">
      <h3>Export</h3>
      {selection ? (
        <p>
          {(selection.incidentId ?? null) !== null ? 'The incident' : 'The period'} <strong>{selection.label}</strong>,{' '}
          <Time ms={selection.from} style="dayTime" /> – <Time ms={selection.to} style="dayTime" />
        </p>
      ) : (
        <p className="review__hint">Pick an incident or a period above to export it.</p>
      )}
      <Button variant="primary" disabled={!selection} busy={exporting.pending} onClick={exportNow} data-testid="bundle-export">
        {exporting.pending ? 'Exporting…' : 'Export bundle'}
      </Button>
      <ErrorNotice error={exporting.error} testId="bundle-export-error" />
      {result && (
        <div data-testid="bundle-export-result" data-file-name={result.fileName} data-checksum={result.checksum}>
          <p>
            Written{' '}
            <code className="bundles__checksum" data-testid="bundle-export-path">
              {result.path}
            </code>{' '}
            ({formatFileSize(result.bytes)}).{' '}
            {served && (
              <a href={`/exports/${encodeURIComponent(result.fileName)}`} download={result.fileName} data-testid="bundle-download">
                Download
              </a>
            )}
          </p>
          <Summary summary={result} />
        </div>
      )}
    </div>
  );
}

function PathForm({ onImported }: { onImported: ((workspace: WorkspaceInfo) => void) | undefined }) {
  const client = useClient();
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const action = useAction<{ action: 'verified' | 'imported'; summary: BundleSummary; workspace: WorkspaceInfo | null }>();
  const result = action.result;
  const run = (verb: 'verify' | 'import') => {
    const p = path.trim();
    if (!p) return;
    if (verb === 'verify') {
      action.run(async () => ({ action: 'verified', summary: await client.call('bundles.verify', { path: p }), workspace: null }));
    } else {
      action.run(
        async () => {
          const r = await client.call('bundles.import', { path: p, ...(name.trim() ? { name: name.trim() } : {}) });
          return { action: 'imported', summary: r.bundle, workspace: r.workspace };
        },
        (r) => r.workspace && onImported?.(r.workspace),
      );
    }
  };
  return (
    <div className="bundles__block">
      <h3>Verify or import</h3>
      <form
        className="review__form"
        onSubmit={(e) => {
          e.preventDefault();
          run('import');
        }}
      >
        <FileOnHubField
          label="Bundle file"
          value={path}
          onChange={setPath}
          placeholder="/path/to/incident.earshot-bundle"
          testId="bundle-path"
          accept=".earshot-bundle"
        />
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder="optional" data-testid="bundle-name" />
        </label>
        <Button disabled={!path.trim()} busy={action.pending} onClick={() => run('verify')} data-testid="bundle-verify">
          Verify
        </Button>
        <Button type="submit" variant="primary" disabled={!path.trim()} busy={action.pending} data-testid="bundle-import">
          {action.pending ? 'Working…' : 'Import read-only'}
        </Button>
      </form>
      <ErrorNotice error={action.error} testId="bundle-path-error" />
      {result && (
        <div data-testid="bundle-path-result" data-action={result.action} data-checksum={result.summary.checksum}>
          <p className="bundles__ok">
            {result.action === 'verified'
              ? 'Intact: the contents match the checksum.'
              : `Imported as the read-only workspace "${result.workspace?.name ?? ''}": the contents matched the checksum.`}
          </p>
          <Summary summary={result.summary} />
        </div>
      )}
    </div>
  );
}

function Summary({ summary }: { summary: BundleSummary }) {
  return (
    <dl className="bundles__summary">
      <dt>Scope</dt>
      <dd>
        {summary.scope.title} (<Time ms={summary.scope.from} style="dayTime" /> – <Time ms={summary.scope.to} style="dayTime" />)
      </dd>
      <dt>Written</dt>
      <dd>
        <Time ms={summary.createdAt} style="dayTime" /> by {summary.app.name} {summary.app.version}
      </dd>
      <dt>SHA-256</dt>
      <dd>
        <code className="bundles__checksum" data-testid="bundle-checksum">
          {summary.checksum}
        </code>
      </dd>
      <dt>Contents</dt>
      <dd data-testid="bundle-counts">
        {BUNDLE_KINDS.filter((k) => summary.counts[k] > 0)
          .map((k) => `${summary.counts[k].toLocaleString()} ${KIND_LABELS[k][summary.counts[k] === 1 ? 0 : 1]}`)
          .join(' · ') || 'nothing'}
      </dd>
    </dl>
  );
}
