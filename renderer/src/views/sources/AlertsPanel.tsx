import { useState } from 'react';
import { loadOperatorName } from '../../lib/operator-name';
import { useOpenAlerts } from '../../data/alerts-and-sources';
import { useClockStore } from '../../stores/clock';
import { OperatorNameField } from '../common/OperatorNameField';
import { OpenAlertRow } from './OpenAlertRow';

/** Open alerts with who is handling them; acknowledging takes the operator's name. */
export function AlertsPanel() {
  const alerts = useOpenAlerts().data ?? [];
  const now = useClockStore((s) => s.now);
  const [operator, setOperator] = useState(loadOperatorName);

  return (
    <div className="alerts-panel">
      <OperatorNameField value={operator} onChange={setOperator} />
      {alerts.length === 0 ? (
        <p className="console__empty">No open alerts.</p>
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
