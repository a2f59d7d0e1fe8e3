import { create } from 'zustand';
import type { Alert } from '../../../shared/domain/alert';

/** Open (unresolved) alerts, acknowledged or not, as the core last reported them. */
export interface AlertsState {
  alerts: Alert[];
}

const initial: AlertsState = { alerts: [] };

export const useAlertsStore = create<AlertsState>()(() => initial);

export const alertsActions = {
  replace(alerts: readonly Alert[]): void {
    useAlertsStore.setState({ alerts: [...alerts] });
  },
  /** Applies one call's answer at once; the `alerts.changed` push that follows replaces it anyway. */
  update(alert: Alert): void {
    useAlertsStore.setState((s) => ({
      alerts: alert.resolvedAt !== null ? s.alerts.filter((a) => a.id !== alert.id) : s.alerts.map((a) => (a.id === alert.id ? alert : a)),
    }));
  },
  reset(): void {
    useAlertsStore.setState(initial, true);
  },
};

/** Alerts the room still has to see: open, not yet acknowledged, not snoozed (the core clears a snooze when it ends). */
export function needsAttention(alert: Alert): boolean {
  return alert.resolvedAt === null && alert.acknowledgedAt === null && alert.snoozedUntil == null;
}
