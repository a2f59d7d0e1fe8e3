import type { ApiResult } from '../../../../shared/contract/api';
import type { SourceHealth } from '../../../../shared/domain/source';
import { formatAgo, formatIn } from '../../../../shared/logic/format';
import { sourceFreshness } from '../../../../shared/logic/freshness';
import { freshnessText } from '../../../../shared/logic/freshness-text';
import { lagText, rateLimitText, rateText } from '../../../../shared/logic/source-health-text';
import { useClient } from '../../lib/client-context';
import { formatFull } from '../../lib/time-format';
import { useAction } from '../../lib/use-action';
import { sourceEditorActions } from '../../stores/source-editor';
import { FRESHNESS_ICON } from '../../widgets/SourceFreshness';
import { DeleteSourceButton } from './DeleteSourceButton';
import { DemoEpisodeButtons } from './DemoEpisodeButtons';

export interface SourceRowProps {
  source: SourceHealth;
  now: number;
  /** A replay: no pause, edit, delete or demo controls. */
  readOnly?: boolean;
}

/** One source's health in plain words, with its pause/resume control next to it. */
export function SourceRow({ source: s, now, readOnly = false }: SourceRowProps) {
  const client = useClient();
  const toggle = useAction<ApiResult<'sources.setEnabled'>>();
  const freshness = sourceFreshness(s, now);

  const onToggle = () =>
    toggle.run(async () => {
      const result = await client.call('sources.setEnabled', { id: s.id, enabled: !s.enabled });
      return result;
    });

  return (
    <tr
      data-testid="source-row"
      data-source-id={s.id}
      data-freshness={freshness}
      data-enabled={String(s.enabled)}
      data-state={s.state}
      data-items-total={s.itemsTotal}
      data-rate-limited={String(s.rateLimitedUntil !== null && s.rateLimitedUntil > now)}
      className={`sources-table__row sources-table__row--${freshness}`}>
      <th scope="row">
        <div className="source-name">{s.name}</div>
        <div className="source-sub">
          {s.id} · {s.kind} · every {Math.round(s.intervalMs / 100) / 10} s
        </div>
      </th>
      <td className={`source-state source-state--${freshness}`}>
        <span aria-hidden="true">{FRESHNESS_ICON[freshness]}</span> {freshnessText(s, freshness, now)}
      </td>
      <td title={s.lastSuccessAt === null ? undefined : formatFull(s.lastSuccessAt)}>{s.lastSuccessAt === null ? (readOnly ? '—' : 'never') : formatAgo(s.lastSuccessAt, now)}</td>
      <td className="source-error">
        {s.lastError ? (
          <>
            <div>{s.lastError}</div>
            <div className="source-sub">
              {s.lastErrorAt !== null && formatAgo(s.lastErrorAt, now)}
              {s.consecutiveFailures > 0 && ` · ${s.consecutiveFailures} failure${s.consecutiveFailures === 1 ? '' : 's'} in a row`}
            </div>
          </>
        ) : (
          '—'
        )}
      </td>
      <td className="num" data-testid="source-items">
        {s.itemsTotal.toLocaleString()}
        <div className="source-sub">{s.itemsSkipped.toLocaleString()} skipped</div>
        <div className="source-sub" data-testid="source-rate" title="mentions stored per minute over the last 5 minutes">
          {rateText(s.itemsPerMinute)}
        </div>
      </td>
      <td data-testid="source-lag" title={s.newestPublishedAt === null ? undefined : `newest mention published ${formatFull(s.newestPublishedAt)}`}>
        {lagText(s, now)?.replace(/^lag /, '') ?? '—'}
      </td>
      <td>
        {s.enabled && s.nextPollAt !== null ? formatIn(s.nextPollAt, now) : '—'}
        {rateLimitText(s, now) && (
          <div className="source-rate-limited" data-testid="source-rate-limit">
            rate-limited until {s.rateLimitedUntil !== null && formatFull(s.rateLimitedUntil)}
          </div>
        )}
      </td>
      {!readOnly && <td>
        <div className="source-actions">
          <button type="button" className={`btn ${s.enabled ? '' : 'btn--primary'}`} data-testid="toggle-source" aria-pressed={s.enabled} disabled={toggle.pending} onClick={onToggle}>
            {s.enabled ? 'Pause' : 'Resume'}
          </button>
          <button type="button" className="btn" data-testid="edit-source" onClick={() => sourceEditorActions.openEdit(s.id)}>
            Edit
          </button>
          {s.kind !== 'demo' && <DeleteSourceButton source={s} />}
        </div>
        {toggle.error && <div className="call-error" role="alert">{toggle.error}</div>}
      </td>}
      {!readOnly && <td>{s.kind === 'demo' ? <DemoEpisodeButtons sourceId={s.id} /> : <span className="source-sub">—</span>}</td>}
    </tr>
  );
}
