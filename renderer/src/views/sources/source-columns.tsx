import type { ApiResult } from '@shared/contract/api';
import type { SourceHealth } from '@shared/domain/source';
import { formatAgo, formatIn } from '@shared/logic/format';
import { sourceFreshness } from '@shared/logic/freshness';
import { freshnessText } from '@shared/logic/freshness-text';
import { lagText, rateLimitText, rateText } from '@shared/logic/source-health-text';
import { useAction } from '../../data/use-action';
import { useClient } from '../../lib/client-context';
import { sourceEditorActions } from '../../stores/source-editor';
import { Button, ErrorNotice, formatFull, type Column } from '../../ui';
import { FRESHNESS_ICON } from '../../widgets/SourceFreshness';
import { DeleteSourceButton } from './DeleteSourceButton';
import { DemoEpisodeButtons } from './DemoEpisodeButtons';

/** A row's state for styling and for tests to find it by. */
export function sourceRowData(s: SourceHealth, now: number): Record<`data-${string}`, string | number> {
  return {
    'data-source-id': s.id,
    'data-freshness': sourceFreshness(s, now),
    'data-enabled': String(s.enabled),
    'data-state': s.state,
    'data-items-total': s.itemsTotal,
    'data-rate-limited': String(s.rateLimitedUntil !== null && s.rateLimitedUntil > now),
  };
}

/**
 * Each source's health in plain words, with its controls. `readOnly` (a replay): the sources as
 * they were, without the columns that act on them.
 */
export function sourceColumns(now: number, readOnly: boolean): Column<SourceHealth>[] {
  const columns: Column<SourceHealth>[] = [
    {
      key: 'source',
      header: 'Source',
      cell: (s) => (
        <>
          <div className="source-name">{s.name}</div>
          <div className="source-sub">
            {s.id} · {s.kind} · every {Math.round(s.intervalMs / 100) / 10} s
          </div>
        </>
      ),
    },
    {
      key: 'state',
      header: 'State',
      cell: (s) => {
        const freshness = sourceFreshness(s, now);
        return (
          <span className={`source-state source-state--${freshness}`}>
            <span aria-hidden="true">{FRESHNESS_ICON[freshness]}</span> {freshnessText(s, freshness, now)}
          </span>
        );
      },
    },
    {
      key: 'success',
      header: readOnly ? 'Last delivery' : 'Last success',
      cell: (s) => (
        <span title={s.lastSuccessAt === null ? undefined : formatFull(s.lastSuccessAt)}>
          {s.lastSuccessAt === null ? (readOnly ? '—' : 'never') : formatAgo(s.lastSuccessAt, now)}
        </span>
      ),
    },
    {
      key: 'error',
      header: 'Last error',
      cell: (s) =>
        s.lastError ? (
          <div className="source-error">
            <div>{s.lastError}</div>
            <div className="source-sub">
              {s.lastErrorAt !== null && formatAgo(s.lastErrorAt, now)}
              {s.consecutiveFailures > 0 && ` · ${s.consecutiveFailures} failure${s.consecutiveFailures === 1 ? '' : 's'} in a row`}
            </div>
          </div>
        ) : (
          '—'
        ),
    },
    {
      key: 'items',
      header: 'Items',
      numeric: true,
      cell: (s) => (
        <div data-testid="source-items">
          {s.itemsTotal.toLocaleString()}
          <div className="source-sub">{s.itemsSkipped.toLocaleString()} skipped</div>
          <div className="source-sub" data-testid="source-rate" title="mentions stored per minute over the last 5 minutes">
            {rateText(s.itemsPerMinute)}
          </div>
        </div>
      ),
    },
    {
      key: 'lag',
      header: 'Lag',
      title: 'how long ago the newest stored mention was published',
      cell: (s) => (
        <span data-testid="source-lag" title={s.newestPublishedAt === null ? undefined : `newest mention published ${formatFull(s.newestPublishedAt)}`}>
          {lagText(s, now)?.replace(/^lag /, '') ?? '—'}
        </span>
      ),
    },
    {
      key: 'next',
      header: readOnly ? 'Rate limit' : 'Next poll',
      cell: (s) => (
        <>
          {s.enabled && s.nextPollAt !== null ? formatIn(s.nextPollAt, now) : '—'}
          {rateLimitText(s, now) && (
            <div className="source-rate-limited" data-testid="source-rate-limit">
              rate-limited until {s.rateLimitedUntil !== null && formatFull(s.rateLimitedUntil)}
            </div>
          )}
        </>
      ),
    },
  ];
  if (readOnly) return columns;
  return [
    ...columns,
    { key: 'actions', header: 'Actions', cell: (s) => <SourceActions source={s} /> },
    { key: 'demo', header: 'Demo episodes', cell: (s) => (s.kind === 'demo' ? <DemoEpisodeButtons sourceId={s.id} /> : <span className="source-sub">—</span>) },
  ];
}

/** Pause or resume, edit, delete. The sources.health push that follows redraws the row. */
function SourceActions({ source: s }: { source: SourceHealth }) {
  const client = useClient();
  const toggle = useAction<ApiResult<'sources.setEnabled'>>();
  return (
    <>
      <div className="source-actions">
        <Button
          variant={s.enabled ? 'default' : 'primary'}
          data-testid="toggle-source"
          aria-pressed={s.enabled}
          busy={toggle.pending}
          onClick={() => toggle.run(() => client.call('sources.setEnabled', { id: s.id, enabled: !s.enabled }))}
        >
          {s.enabled ? 'Pause' : 'Resume'}
        </Button>
        <Button data-testid="edit-source" onClick={() => sourceEditorActions.openEdit(s.id)}>
          Edit
        </Button>
        {s.kind !== 'demo' && <DeleteSourceButton source={s} />}
      </div>
      <ErrorNotice error={toggle.error} />
    </>
  );
}
