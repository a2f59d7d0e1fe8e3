import { describe, expect, it } from 'vitest';
import type { Alert } from '@shared/domain/alert';
import { displayConfigSchema, NO_OVERRIDE } from '@shared/contract/wall-schema';
import { displayTakeover, takeoverAlert } from '@shared/logic/walls/takeover';
import { wallPage, wallPageKey } from '@shared/logic/walls/wall-page';

const NOW = 1_800_000_000_000;

function alert(id: number, patch: Partial<Alert> = {}): Alert {
  return {
    id,
    kind: 'negative-surge',
    severity: 'critical',
    dedupeKey: `k${id}`,
    title: `Alert ${id}`,
    detail: '',
    openedAt: NOW - id * 1000,
    updatedAt: NOW,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    evidence: [],
    topicId: 4,
    ...patch,
  };
}

const layoutDisplay = displayConfigSchema.parse({ id: 'lobby', name: 'Lobby', source: { kind: 'layout', layoutId: 'care' } });
const playlistDisplay = displayConfigSchema.parse({ id: 'wall-2', name: 'Wall 2', source: { kind: 'playlist', playlistId: 'rotation' } });
const playlist = {
  items: [
    { layoutId: 'overview', seconds: 30, from: null, to: null },
    { layoutId: 'share-of-voice', seconds: 30, from: null, to: null },
  ],
};

describe('crisis takeover', () => {
  it('is taken by the newest open, unacknowledged critical alert', () => {
    const alerts = [alert(1, { openedAt: NOW - 5000 }), alert(2, { openedAt: NOW - 1000 }), alert(3, { severity: 'warning', openedAt: NOW })];
    expect(takeoverAlert(alerts, NOW)?.id).toBe(2);
  });

  it('ends when the alert is acknowledged, resolved or snoozed', () => {
    expect(takeoverAlert([alert(1, { acknowledgedAt: NOW, acknowledgedBy: 'sam' })], NOW)).toBeNull();
    expect(takeoverAlert([alert(1, { resolvedAt: NOW })], NOW)).toBeNull();
    expect(takeoverAlert([alert(1, { snoozedUntil: NOW + 60_000 })], NOW)).toBeNull();
    expect(takeoverAlert([alert(1, { snoozedUntil: NOW - 1 })], NOW)?.id).toBe(1);
    expect(takeoverAlert([alert(1, { severity: 'warning' })], NOW)).toBeNull();
  });

  it('skips displays that opted out', () => {
    expect(displayTakeover({ ...layoutDisplay, takeover: false }, [alert(1)], NOW)).toBeNull();
    expect(displayTakeover(layoutDisplay, [alert(1)], NOW)?.id).toBe(1);
  });

  it('switches a wall to the crisis layout for the alert topic, then back to what it showed', () => {
    const before = wallPage({ config: playlistDisplay, override: NO_OVERRIDE, takeover: null, playlist, playlistIndex: 1 });
    expect(before).toMatchObject({ kind: 'layout', layoutId: 'share-of-voice', reason: 'playlist', itemIndex: 1 });
    const during = wallPage({ config: playlistDisplay, override: NO_OVERRIDE, takeover: alert(9, { topicId: 12 }), playlist, playlistIndex: 1 });
    expect(during).toEqual({ kind: 'layout', layoutId: 'crisis', topicId: 12, reason: 'takeover', itemIndex: null, alertId: 9 });
    const after = wallPage({ config: playlistDisplay, override: NO_OVERRIDE, takeover: null, playlist, playlistIndex: 1 });
    expect(wallPageKey(after)).toBe(wallPageKey(before));
  });

  it('ranks takeover over blank, blank over a pushed layout, a pushed layout over the own source', () => {
    const blanked = { ...NO_OVERRIDE, blanked: true, pushedLayoutId: 'crisis' };
    expect(wallPage({ config: layoutDisplay, override: blanked, takeover: alert(1), playlist: null, playlistIndex: null }).kind).toBe('layout');
    expect(wallPage({ config: layoutDisplay, override: blanked, takeover: null, playlist: null, playlistIndex: null })).toEqual({ kind: 'blank' });
    expect(
      wallPage({ config: layoutDisplay, override: { ...NO_OVERRIDE, pushedLayoutId: 'overview' }, takeover: null, playlist: null, playlistIndex: null }),
    ).toMatchObject({ layoutId: 'overview', reason: 'pushed' });
    expect(wallPage({ config: layoutDisplay, override: NO_OVERRIDE, takeover: null, playlist: null, playlistIndex: null })).toMatchObject({
      layoutId: 'care',
      reason: 'layout',
    });
  });

  it('shows the Overview while a playlist is missing', () => {
    expect(wallPage({ config: playlistDisplay, override: NO_OVERRIDE, takeover: null, playlist: null, playlistIndex: null })).toMatchObject({
      layoutId: 'overview',
    });
  });
});

import { widgetFreshness } from '@shared/logic/walls/widget-freshness';

describe('widget freshness', () => {
  it('says live only while the window is live, else how old, then stale', () => {
    expect(widgetFreshness(true, null, NOW)).toEqual({ state: 'waiting', label: 'waiting for data' });
    expect(widgetFreshness(true, NOW - 500_000, NOW)).toEqual({ state: 'live', label: 'live' });
    expect(widgetFreshness(false, NOW - 12_000, NOW)).toEqual({ state: 'old', label: '12 s old' });
    expect(widgetFreshness(false, NOW - 6 * 60_000, NOW)).toEqual({ state: 'stale', label: 'STALE · 6 min old' });
  });
});

import { shouldReload, watchdogLimitMb } from '@shared/logic/walls/memory-watchdog';

describe('memory watchdog', () => {
  const samples = (values: number[]) => values.map((usedMb, i) => ({ at: i * 60_000, usedMb }));
  it('reloads only when the heap stays past the limit and keeps growing', () => {
    const policy = { limitMb: 500, samplesOverLimit: 3 };
    expect(shouldReload(samples([400, 520, 530, 560]), policy)).toBe(true);
    expect(shouldReload(samples([520, 530]), policy)).toBe(false);
    expect(shouldReload(samples([520, 480, 560]), policy)).toBe(false);
    expect(shouldReload(samples([600, 560, 540]), policy)).toBe(false);
  });
  it('keeps the limit below the browser heap ceiling', () => {
    expect(watchdogLimitMb(4096, null)).toBe(768);
    expect(watchdogLimitMb(1000, null)).toBe(600);
    expect(watchdogLimitMb(null, 50)).toBe(50);
  });
});
