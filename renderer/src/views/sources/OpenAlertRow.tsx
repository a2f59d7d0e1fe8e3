import type { ApiResult } from '@shared/contract/api';
import type { Alert } from '@shared/domain/alert';
import { formatAgo } from '@shared/logic/format';
import { useClient } from '../../lib/client-context';
import { formatFull } from '../../ui/time-format';
import { useAction } from '../../data/use-action';
import { Button, ErrorNotice } from '../../ui';

export interface OpenAlertRowProps {
  alert: Alert;
  now: number;
  /** Who acknowledges, from the "Your name" field. */
  operator: string;
}

export function OpenAlertRow({ alert: a, now, operator }: OpenAlertRowProps) {
  const client = useClient();
  const ack = useAction<ApiResult<'alerts.acknowledge'>>();
  const by = operator.trim();

  const onAck = () =>
    ack.run(async () => {
      if (!by) throw new Error('Enter your name above before acknowledging.');
      // The alerts.changed push that follows redraws the row as acknowledged.
      return client.call('alerts.acknowledge', { id: a.id, by });
    });

  return (
    <li
      className={`open-alert open-alert--${a.severity}`}
      data-testid="open-alert"
      data-alert-id={a.id}
      data-alert-kind={a.kind}
      data-acknowledged={String(a.acknowledgedAt !== null)}
    >
      <div className="open-alert__main">
        <div className="open-alert__title">
          <span className={`severity severity--${a.severity}`}>{a.severity.toUpperCase()}</span> {a.title}
        </div>
        <div className="open-alert__detail">{a.detail}</div>
        <div className="open-alert__meta" title={formatFull(a.openedAt)}>
          {a.kind} · opened {formatAgo(a.openedAt, now)}
          {a.evidence.length > 0 && ` · ${a.evidence.length} mention${a.evidence.length === 1 ? '' : 's'} as evidence`}
        </div>
      </div>
      <div className="open-alert__action">
        {a.acknowledgedAt !== null ? (
          <span className="open-alert__acked">
            ✓ Acknowledged by {a.acknowledgedBy ?? 'someone'} {formatAgo(a.acknowledgedAt, now)}
          </span>
        ) : (
          <Button variant="primary" data-testid="ack-alert" busy={ack.pending} onClick={onAck}>
            {ack.pending ? 'Acknowledging…' : 'Acknowledge'}
          </Button>
        )}
        <ErrorNotice error={ack.error} />
      </div>
    </li>
  );
}
