/** Crisis takeover: which alert, if any, takes a wall over right now. */
import type { Alert } from '../../domain/alert';
import type { DisplayConfig } from '../../contract/wall-schema';

/** Open, not acknowledged, not snoozed, critical: the alerts that take walls over. */
export function isTakeoverAlert(alert: Alert, now: number): boolean {
  if (alert.severity !== 'critical' || alert.resolvedAt !== null || alert.acknowledgedAt !== null) return false;
  return !(alert.snoozedUntil != null && alert.snoozedUntil > now);
}

/** The newest alert that takes walls over, or null. Acknowledging it releases the walls. */
export function takeoverAlert(alerts: readonly Alert[], now: number): Alert | null {
  let best: Alert | null = null;
  for (const alert of alerts) {
    if (!isTakeoverAlert(alert, now)) continue;
    if (best === null || alert.openedAt > best.openedAt || (alert.openedAt === best.openedAt && alert.id > best.id)) best = alert;
  }
  return best;
}

/** The alert taking over this display: none when the display opted out of takeovers. */
export function displayTakeover(config: Pick<DisplayConfig, 'takeover'>, alerts: readonly Alert[], now: number): Alert | null {
  return config.takeover ? takeoverAlert(alerts, now) : null;
}

/** Alerts the room still has to see: open, not acknowledged, not snoozed. Every wall shows them. */
export function needsAttention(alert: Alert, now: number): boolean {
  if (alert.resolvedAt !== null || alert.acknowledgedAt !== null) return false;
  return !(alert.snoozedUntil != null && alert.snoozedUntil > now);
}
