import { useState } from 'react';
import { loadOperatorName, saveOperatorName } from '../../lib/operator-name';
import { useAlertsStore } from '../../stores/alerts';
import { useClockStore } from '../../stores/clock';
import { OpenAlertRow } from './OpenAlertRow';

/** Open alerts with who is handling them; acknowledging takes the operator's name. */
export function AlertsPanel() {
  const alerts = useAlertsStore((s) => s.alerts);
  const now = useClockStore((s) => s.now);
  const [operator, setOperator] = useState(loadOperatorName);

  const onName = (name: string) => {
    setOperator(name);
    saveOperatorName(name);
  };

  return (
    <div className="alerts-panel">
      <label className="operator">
        Your name
        <input
          type="text"
          data-testid="operator-name"
          value={operator}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onName(e.currentTarget.value)}
        />
      </label>
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
