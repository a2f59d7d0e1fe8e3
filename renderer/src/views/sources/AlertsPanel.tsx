import { useState } from 'react';
import { loadOperatorName } from '../../lib/operator-name';
import { useClockStore } from '../../stores/clock';
import { OperatorNameField } from '../common/OperatorNameField';
import { EmptyState, ErrorNotice } from '../../ui';
import { useOpenAlerts } from '../wall/data/queries';
import { OpenAlertRow } from './OpenAlertRow';

/** Open alerts with who is handling them; acknowledging takes the operator's name. */
export function AlertsPanel() {
  const open = useOpenAlerts();
  const alerts = open.data ?? [];
  const now = useClockStore((s) => s.now);
  const [operator, setOperator] = useState(loadOperatorName);

  return (
    <div className="alerts-panel">
      <OperatorNameField value={operator} onChange={setOperator} />
      <ErrorNotice error={open.error} />
      {alerts.length === 0 ? (
        open.data && <EmptyState>No open alerts.</EmptyState>
      ) : (
        <ul className="open-alerts">
          {alerts.map((a) => (
            <OpenAlertRow key={a.id} alert={a} now={now} operator={operator} />
          ))}
        </ul>
      )}
    </div>
  );
}
