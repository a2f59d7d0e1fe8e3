/** Desktop notifications on this workstation: the permission toggle and one notification per new alert. */
import { useEffect, useRef, useState } from 'react';
import type { Alert } from '@shared/domain/alert';
import { Button } from '../../ui';

export function NotificationsToggle() {
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied');
  if (!supported) return <p className="alerts-note">This browser cannot show desktop notifications.</p>;
  return (
    <p className="alerts-note" data-testid="notifications" data-permission={permission}>
      Desktop notifications: {permission === 'granted' ? 'on for new alerts' : permission === 'denied' ? 'blocked by the browser' : 'off'}
      {permission === 'default' && (
        <Button data-testid="enable-notifications" onClick={() => void Notification.requestPermission().then(setPermission)}>
          Enable
        </Button>
      )}
    </p>
  );
}

/** Shows a desktop notification for every alert that appears while this view is open. */
export function useDesktopNotifications(alerts: readonly Alert[] | null): void {
  const seen = useRef<Set<number> | null>(null);
  useEffect(() => {
    if (alerts === null) return;
    const ids = new Set(alerts.map((a) => a.id));
    if (seen.current === null) {
      seen.current = ids; // Alerts already open when the view loads are not news.
      return;
    }
    for (const a of alerts) {
      if (seen.current.has(a.id)) continue;
      seen.current.add(a.id);
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification(`${a.severity.toUpperCase()}: ${a.title}`, { body: a.detail, tag: `earshot-alert-${a.id}` });
      }
    }
  }, [alerts]);
}
