/**
 * The alerts console (`#/alerts`): open alerts with their explanation, evidence and history and the
 * lifecycle actions; the rules with an editor that backtests a draft before it is saved; desktop
 * notifications for new alerts on this workstation.
 */
import { useEffect, useState } from 'react';
import { useTimeContext } from '../../replay/time-context';
import { useOpenAlerts } from '../../data/alerts-and-sources';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { AlertDetail } from './AlertDetail';
import { NotificationsToggle, useDesktopNotifications } from './DesktopNotifications';
import { OpenAlertsList } from './OpenAlertsList';
import { RulesSection } from './RulesSection';
import { WebhooksSection } from './WebhooksSection';
import './alerts.css';

const NO_ALERTS: readonly never[] = [];

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
        <OpenAlertsList alerts={alerts} />
        <div>{selected !== null ? <AlertDetail id={selected} key={selected} /> : <p>Select an alert to see why it fired.</p>}</div>
      </section>
      <RulesSection />
      <WebhooksSection />
    </ConsoleFrame>
  );
}
