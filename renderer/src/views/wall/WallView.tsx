/**
 * A wall display: `#/wall?display=<id>` (in Electron, each wall window carries its display id).
 * It shows what `wallPage` says — crisis takeover, blank, a pushed layout, or its own playlist or
 * layout — with the next page rendered underneath before it is swapped in, so there is never a
 * blank flash. It reports what it shows to the core for the control view. In replay it follows
 * the operator's commands as recorded (`review.wallOverride` at the replay moment), not the live ones.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  DISPLAY_REPORT_EVERY_MS,
  displayIdSchema,
  NO_OVERRIDE,
  type DisplayOverride,
  type Playlist,
  type StoredLayout,
  type WallDisplay,
  type WallLayoutDoc,
} from '@shared/contract/wall-schema';
import { formatIn } from '@shared/logic/format';
import { BUILTIN_LAYOUTS, layoutForTopic, OVERVIEW_LAYOUT_ID } from '@shared/logic/walls/builtin-layouts';
import { maskPersonalData } from '@shared/logic/walls/mask-personal-data';
import { advancePlaylist, minuteOfDay, playlistItemEndsAt, type PlaylistState } from '@shared/logic/walls/playlist';
import { displayTakeover } from '@shared/logic/walls/takeover';
import { wallPage, wallPageKey, type WallPage } from '@shared/logic/walls/wall-page';
import { useClient } from '../../lib/client-context';
import { useTimeContext } from '../../replay/time-context';
import { useClockStore } from '../../stores/clock';
import { isLive, useConnectionStore } from '../../stores/connection';
import { useOpenAlerts } from './data/queries';
import { useLive } from '../../data/use-live';
import { useHashParam } from './hash-query';
import { playAlarm } from './tone';
import { useMemoryWatchdog, useResyncOnWake } from './wall-recovery';
import { CrisisBand } from './CrisisBand';
import { LayoutWall } from './LayoutWall';
import { WallFrame } from './WallFrame';
import './wall.css';

export const DEFAULT_DISPLAY_ID = 'main';

export function WallView() {
  const layoutId = useHashParam('layout');
  const display = useHashParam('display');
  // `#/wall?layout=crisis`: one layout as it is, without a display's settings (as `#/overview` is).
  if (layoutId !== null && display === null) return <LayoutWall key={layoutId} layoutId={layoutId} />;
  const raw = display ?? DEFAULT_DISPLAY_ID;
  const valid = displayIdSchema.safeParse(raw);
  if (!valid.success) {
    return (
      <main className="wallroot wallroot--error" data-testid="wall-error">
        <p>
          “{raw}” is not a display id: {valid.error.issues[0]?.message}. Use for example <code>#/wall?display=lobby-tv</code>.
        </p>
      </main>
    );
  }
  return <Wall key={valid.data} displayId={valid.data} />;
}

function Wall({ displayId }: { displayId: string }) {
  const client = useClient();
  const display = useLive<WallDisplay>({
    key: `display:${displayId}`,
    load: async (c) => (await c.call('walls.displays.get', { id: displayId })).display,
    deltas: [{ topic: 'walls.displays.changed', apply: (current, payload) => payload.displays.find((d) => d.config.id === displayId) ?? current }],
  });
  const layouts = useLive<StoredLayout[]>({
    key: 'layouts',
    load: async (c) => (await c.call('walls.layouts.list', {})).layouts,
    deltas: [{ topic: 'walls.layouts.changed', apply: (_c, payload) => payload.layouts }],
  });
  const playlists = useLive<Playlist[]>({
    key: 'playlists',
    load: async (c) => (await c.call('walls.playlists.list', {})).playlists,
    deltas: [{ topic: 'walls.playlists.changed', apply: (_c, payload) => payload.playlists }],
  });
  // The display's settings stay live in replay (they are configuration); what the operator had
  // pushed, paused or blanked is read from the record at the replay moment instead.
  const replayedOverride = useLive<DisplayOverride | null>({
    key: `override:${displayId}`,
    load: () => Promise.resolve(null),
    replay: async (c, { workspace, at }) => (await c.call('review.wallOverride', { workspace, at: Math.round(at), displayId })).override,
  });
  const alerts = useOpenAlerts();
  const now = useClockStore((s) => s.now);
  const live = useConnectionStore(isLive);
  const replaying = useTimeContext((s) => s.mode === 'replay');

  const config = display.data?.config ?? null;
  const override = (replaying ? replayedOverride.data : display.data?.override) ?? NO_OVERRIDE;
  const playlist =
    config?.source.kind === 'playlist' ? (playlists.data?.find((p) => p.id === (config.source as { playlistId: string }).playlistId) ?? null) : null;
  const playlistState = usePlaylist(playlist, override.paused);
  const takeover = config ? displayTakeover(config, alerts.data ?? [], now) : null;

  // A replayed wall waits for its recorded override rather than flash its own page first (an
  // unreadable record falls back to the display's own page).
  const overrideKnown = !replaying || replayedOverride.data !== null || replayedOverride.error !== null;
  const page: WallPage | null =
    config && overrideKnown ? wallPage({ config, override, takeover, playlist, playlistIndex: playlistState?.index ?? null }) : null;
  const allLayouts = layouts.data ?? BUILTIN_LAYOUTS;
  const doc = useMemo(() => pageDoc(page, allLayouts), [page && wallPageKey(page), allLayouts]); // eslint-disable-line react-hooks/exhaustive-deps
  const pageKey = page ? wallPageKey(page) : 'loading';

  useResyncOnWake();
  const watchdogMb = Number(useHashParam('watchdogMb')) || null;
  const watchdogEverySec = Math.max(1, Number(useHashParam('watchdogEverySec')) || 60);
  useMemoryWatchdog(client, displayId, 'wall', watchdogMb, watchdogEverySec * 1000);
  useTakeoverSound(takeover && config?.takeoverSound && !replaying ? takeover.id : null);

  // Tell the core what is on screen: at once when it changes, then as a heartbeat.
  const nextAt =
    playlist && playlistState && !override.paused && page?.kind === 'layout' && page.reason === 'playlist' ? playlistItemEndsAt(playlist, playlistState) : null;
  const report = {
    layoutId: page?.kind === 'layout' ? page.layoutId : null,
    layoutName: doc?.name ?? null,
    playlistId: playlist?.id ?? null,
    itemIndex: page?.kind === 'layout' ? page.itemIndex : null,
    nextAt,
    takeoverAlertId: page?.kind === 'layout' ? page.alertId : null,
    blanked: page?.kind === 'blank',
    paused: override.paused,
  };
  const reportKey = JSON.stringify(report);
  useEffect(() => {
    // A replaying wall shows the past: the control room's view of what is on screen stays live-only.
    if (!page || !live || replaying) return;
    const send = () => {
      void client
        .call('walls.displays.report', {
          id: displayId,
          page: { ...(JSON.parse(reportKey) as typeof report), viewport: { width: window.innerWidth, height: window.innerHeight } },
        })
        .catch(() => undefined);
    };
    send();
    const timer = setInterval(send, DISPLAY_REPORT_EVERY_MS);
    return () => clearInterval(timer);
  }, [client, displayId, reportKey, live, replaying]); // eslint-disable-line react-hooks/exhaustive-deps

  const publicSafe = config?.publicSafe ?? false;
  const safe = publicSafe ? maskPersonalData : (t: string) => t;
  const status = statusLine(page, playlist, playlistState, override.paused, nextAt, now);
  const isTakeover = takeover !== null && page?.kind === 'layout' && page.reason === 'takeover';

  return (
    <WallFrame
      markers={{
        'data-display-id': displayId,
        'data-layout-id': page?.kind === 'layout' ? page.layoutId : '',
        'data-page-reason': page?.kind === 'layout' ? page.reason : (page?.kind ?? 'loading'),
        'data-page-key': pageKey,
        'data-item-index': page?.kind === 'layout' && page.itemIndex !== null ? String(page.itemIndex) : '',
      }}
      name={doc?.name ?? null}
      status={status}
      page={{ key: pageKey, doc, blank: page?.kind === 'blank' }}
      alerts={alerts.data ?? []}
      takeover={isTakeover ? <CrisisBand alert={takeover} text={safe} /> : undefined}
      publicSafe={publicSafe}
      burnIn={config?.burnIn ?? false}
      theme={config?.theme ?? 'dark'}
      viewingDistance={config?.viewingDistance ?? 3}
    />
  );
}

function pageDoc(page: WallPage | null, layouts: readonly StoredLayout[]): WallLayoutDoc | null {
  if (!page || page.kind === 'blank') return null;
  const found =
    layouts.find((l) => l.id === page.layoutId) ??
    BUILTIN_LAYOUTS.find((l) => l.id === page.layoutId) ??
    BUILTIN_LAYOUTS.find((l) => l.id === OVERVIEW_LAYOUT_ID)!;
  return page.reason === 'takeover' ? layoutForTopic(found.doc, page.topicId) : found.doc;
}

function statusLine(
  page: WallPage | null,
  playlist: Playlist | null,
  state: PlaylistState | null,
  paused: boolean,
  nextAt: number | null,
  now: number,
): string {
  if (!page || page.kind === 'blank') return '';
  if (page.reason === 'takeover') return 'CRISIS TAKEOVER';
  if (page.reason === 'pushed') return 'pushed by the control room';
  if (page.reason === 'playlist' && playlist && state) {
    const position = `${playlist.name} · ${state.index + 1}/${playlist.items.length}`;
    return paused ? `${position} · PAUSED` : `${position}${nextAt ? ` · next ${formatIn(nextAt, now)}` : ''}`;
  }
  return '';
}

/** The playlist's position, advanced on each item's duration; frozen while paused. */
function usePlaylist(playlist: Playlist | null, paused: boolean): PlaylistState | null {
  const [state, setState] = useState<{ id: string; value: PlaylistState } | null>(null);
  const pausedAt = useRef<number | null>(null);
  const id = playlist ? `${playlist.id}:${JSON.stringify(playlist.items)}` : null;
  useEffect(() => {
    if (!playlist) return;
    const minuteAt = (t: number) => minuteOfDay(new Date(t));
    if (paused) {
      pausedAt.current ??= Date.now();
      setState((s) => (s && s.id === id ? s : { id: id!, value: advancePlaylist(playlist, null, Date.now(), minuteAt) }));
      return;
    }
    const resumedAfter = pausedAt.current === null ? 0 : Date.now() - pausedAt.current;
    pausedAt.current = null;
    const tick = () =>
      setState((s) => {
        const current = s && s.id === id ? s.value : null;
        const next = advancePlaylist(playlist, current, Date.now(), minuteAt);
        return current && next.index === current.index && next.startedAt === current.startedAt ? s : { id: id!, value: next };
      });
    if (resumedAfter > 0) setState((s) => (s && s.id === id ? { id: s.id, value: { ...s.value, startedAt: s.value.startedAt + resumedAfter } } : s));
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [id, paused]); // eslint-disable-line react-hooks/exhaustive-deps
  return playlist && state && state.id === id ? state.value : null;
}

function useTakeoverSound(alertId: number | null): void {
  useEffect(() => {
    if (alertId === null) return;
    playAlarm();
    const timer = setInterval(playAlarm, 30_000);
    return () => clearInterval(timer);
  }, [alertId]);
}
