/**
 * The alerts console (`#/alerts`): open alerts with their explanation, evidence and history and the
 * lifecycle actions; the rules with an editor that backtests a draft before it is saved; desktop
 * notifications for new alerts on this workstation.
 */
import { useEffect, useState } from 'react';
import type { Alert } from '@shared/domain/alert';
import { apiAccess } from '@shared/contract/api';
import { useOpenAlerts } from '../../data/alerts-and-sources';
import { mayUse } from '../../lib/identity';
import { useTimeContext } from '../../replay/time-context';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { AlertDetail } from './AlertDetail';
import { NotificationsToggle, useDesktopNotifications } from './DesktopNotifications';
import { OpenAlertsList } from './OpenAlertsList';
import { RulesSection } from './RulesSection';
import { WebhooksSection } from './WebhooksSection';
import './alerts.css';

const NO_ALERTS: Alert[] = [];

function selectedFromHash(): number | null {
  const m = /[?&]alert=(\d+)/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
}

export function AlertsView() {
  const open = useOpenAlerts();
  const alerts = open.data ?? NO_ALERTS;
  const [selected, setSelected] = useState<number | null>(selectedFromHash());
  useEffect(() => {
    const onHash = (): void => setSelected(selectedFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const replaying = useTimeContext((s) => s.mode === 'replay');
  // Until the first answer nothing is known, so nothing can be news.
  useDesktopNotifications(replaying ? [] : open.data);
  if (replaying) {
    // The alerts open at the replayed moment; acting on them, rules and webhooks are live-only.
    return (
      <ConsoleFrame current="alerts">
        <section className="console__section alerts-grid" data-testid="alerts-replay">
          {open.error && (
            <p className="alerts-error" role="alert">
              {open.error}
            </p>
          )}
          <OpenAlertsList alerts={alerts} />
          <p>In replay this list shows the alerts that were open at the replayed moment. Acknowledging, rules and webhooks are live-only.</p>
        </section>
      </ConsoleFrame>
    );
  }
  return (
    <ConsoleFrame current="alerts">
      <NotificationsToggle />
      <section className="console__section alerts-grid">
        <div>
          {open.error && (
            <p className="alerts-error" role="alert">
              {open.error}
            </p>
          )}
          <OpenAlertsList alerts={alerts} />
        </div>
        <div>
          {selected !== null ? (
            <AlertDetail id={selected} key={selected} version={alerts.find((a) => a.id === selected)?.updatedAt ?? 0} />
          ) : (
            <p className="alerts-empty">Select an alert to see why it fired.</p>
          )}
        </div>
      </section>
      <RulesSection />
      {mayUse(apiAccess['alerts.webhooks.list'].role) ? (
        <WebhooksSection />
      ) : (
        <section className="console__section" aria-labelledby="webhooks-heading" data-testid="webhooks-admin-only">
          <h2 id="webhooks-heading">Webhooks</h2>
          <p className="alerts-empty">Webhook destinations are managed by an admin.</p>
        </section>
      )}
    </ConsoleFrame>
  );
}
