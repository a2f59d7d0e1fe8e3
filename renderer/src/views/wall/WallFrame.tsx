/**
 * What every wall page has around its grid: the crisis band or the alert banner, the header
 * (name, status, connection, clock), and the stage where pages fade into each other. Both a
 * configured display (`#/wall?display=…`) and a fixed layout (`#/overview`) are drawn by it.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { WallLayoutDoc } from '@shared/contract/wall-schema';
import type { Alert } from '@shared/domain/alert';
import { maskPersonalData } from '@shared/logic/walls/mask-personal-data';
import { roomFontPx } from '@shared/logic/walls/room-scale';
import { needsAttention } from '@shared/logic/walls/takeover';
import { useTimeContext } from '../../replay/time-context';
import { useClockStore } from '../../stores/clock';
import { isLive, useConnectionStore } from '../../stores/connection';
import { AlertBanner } from '../../widgets/AlertBanner';
import { ClockContainer } from '../common/ClockContainer';
import { ConnectionStatusContainer } from '../common/ConnectionStatusContainer';
import { WallGrid } from './WallGrid';
import './wall.css';

const SWAP_AFTER_MS = 400;
const FADE_MS = 600;

export interface WallFrameProps {
  /** Attributes tests and the control room read (`data-display-id`, `data-page-reason`, …). */
  markers: Record<`data-${string}`, string>;
  name: string | null;
  status?: string;
  /** The page: a layout, a blank screen, or null while it is being worked out. */
  page: { key: string; doc: WallLayoutDoc | null; blank: boolean };
  /** Open alerts; those that need the room's attention show as a banner (the takeover's own excepted). */
  alerts: readonly Alert[];
  /** The crisis band of a takeover page (drawn instead of the alert banner). */
  takeover?: ReactNode;
  publicSafe?: boolean;
  burnIn?: boolean;
  theme?: string;
  viewingDistance?: number;
}

export function WallFrame({
  markers,
  name,
  status,
  page,
  alerts,
  takeover,
  publicSafe = false,
  burnIn = false,
  theme = 'dark',
  viewingDistance = 3,
}: WallFrameProps) {
  const now = useClockStore((s) => s.now);
  const live = useConnectionStore(isLive);
  const replaying = useTimeContext((s) => s.mode === 'replay');
  const layers = useLayers(page.key, page.doc);
  useRoomSettings(theme, viewingDistance);
  // Warnings show on every wall without taking it over. A takeover page has its band, and the Crisis
  // layout lists every open alert itself: a banner there would only take the charts' height.
  const banner = useMemo(() => (takeover ? [] : alerts.filter((a) => needsAttention(a, now))), [alerts, now, takeover]);
  return (
    <main
      className={`wallroot${burnIn ? ' wallroot--burnin' : ''}${publicSafe ? ' wallroot--public' : ''}`}
      data-testid="wall"
      {...markers}
      data-public-safe={String(publicSafe)}
      data-theme={theme}
      data-live={String(live)}
      data-replay={String(replaying)}
    >
      {takeover}
      {!page.blank && banner.length > 0 && (
        <AlertBanner alerts={banner} now={now} maxFull={2} maxShown={4} detailChars={90} {...(publicSafe ? { text: maskPersonalData } : {})} />
      )}
      {!page.blank && (
        <header className="wallroot__header">
          <div className="wallroot__brand">
            <span className="wallroot__logo">EARSHOT</span>
            <span className="wallroot__page" data-testid="wall-page-name">
              {name ?? '…'}
            </span>
            {status && (
              <span className="wallroot__status" data-testid="wall-status">
                {status}
              </span>
            )}
          </div>
          <ConnectionStatusContainer />
          <ClockContainer />
        </header>
      )}
      <div className="wallroot__stage">
        {page.blank && <div className="wallroot__blank" data-testid="wall-blank" />}
        {!page.blank &&
          layers.map((layer) => (
            <div
              key={layer.key}
              className={`wallpage wallpage--${layer.stage}`}
              data-stage={layer.stage}
              data-layer-key={layer.key}
              aria-hidden={layer.stage !== 'current'}
            >
              {layer.doc && <WallGrid doc={layer.doc} publicSafe={publicSafe} />}
            </div>
          ))}
      </div>
    </main>
  );
}

interface Layer {
  key: string;
  doc: WallLayoutDoc | null;
  stage: 'entering' | 'current' | 'leaving';
}

/**
 * Page transitions without a blank flash: the next page mounts under the current one (invisible
 * but laid out, so its widgets fetch and draw), then fades in over it; the old page is removed
 * only after the fade.
 */
function useLayers(key: string, doc: WallLayoutDoc | null): Layer[] {
  const [layers, setLayers] = useState<Layer[]>([]);
  useEffect(() => {
    setLayers((current) => {
      const existing = current.find((l) => l.key === key);
      if (existing) return current.map((l) => (l.key === key ? { ...l, doc } : l));
      if (current.length === 0) return [{ key, doc, stage: 'current' }];
      return [...current.filter((l) => l.stage !== 'entering'), { key, doc, stage: 'entering' }];
    });
    const swap = setTimeout(() => {
      setLayers((current) => current.map((l) => (l.key === key ? { ...l, stage: 'current' } : { ...l, stage: 'leaving' })));
    }, SWAP_AFTER_MS);
    const drop = setTimeout(() => setLayers((current) => current.filter((l) => l.key === key)), SWAP_AFTER_MS + FADE_MS);
    return () => {
      clearTimeout(swap);
      clearTimeout(drop);
    };
  }, [key, doc]);
  return layers;
}

/** Theme and type scale for the room: viewport size times the viewing distance. */
function useRoomSettings(theme: string, viewingDistance: number): void {
  useEffect(() => {
    const root = document.documentElement;
    const apply = () => {
      root.style.fontSize = `${roomFontPx({ width: window.innerWidth, height: window.innerHeight }, viewingDistance)}px`;
    };
    root.dataset.theme = theme;
    apply();
    // Charts read the root size on resize; tell them it changed.
    window.dispatchEvent(new Event('resize'));
    window.addEventListener('resize', apply);
    return () => {
      window.removeEventListener('resize', apply);
      root.style.fontSize = '';
      delete root.dataset.theme;
    };
  }, [theme, viewingDistance]);
}
