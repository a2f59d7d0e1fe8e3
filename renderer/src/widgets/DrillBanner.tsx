import { useLayoutEffect, useRef } from 'react';
import './DrillBanner.css';

export interface DrillBannerProps {
  scenarioName: string;
  /** Scenario time reached and its length, in ms. */
  offsetMs: number;
  durationMs: number;
  startedBy: string;
  injected: number;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The band's height as `--drill-band-height` on the root, so a wall (which fills the screen) ends
 * above the band instead of under it: the band must not cover the Sources strip.
 */
function useReservedHeight(band: { current: HTMLElement | null }): void {
  useLayoutEffect(() => {
    const el = band.current;
    if (!el) return;
    const root = document.documentElement;
    const apply = () => root.style.setProperty('--drill-band-height', `${el.getBoundingClientRect().height}px`);
    apply();
    const observer = new ResizeObserver(apply);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--drill-band-height');
    };
  }, [band]);
}

/**
 * Shown on every view and wall while a crisis drill runs: a hazard-striped band along the bottom
 * and a frame around the whole screen, so nobody across the room mistakes drill posts for a real crisis.
 */
export function DrillBanner({ scenarioName, offsetMs, durationMs, startedBy, injected }: DrillBannerProps) {
  const band = useRef<HTMLDivElement>(null);
  useReservedHeight(band);
  return (
    <>
      <div className="drill-frame" aria-hidden="true" />
      <div className="drill-banner" role="status" data-testid="drill-banner" ref={band}>
        <span className="drill-banner__mark">DRILL</span>
        <span className="drill-banner__text">
          Not a real incident · <span data-testid="drill-banner-scenario">{scenarioName}</span>
        </span>
        <span className="drill-banner__meta">
          {clock(Math.min(offsetMs, durationMs))} / {clock(durationMs)} · {injected} drill posts · started by {startedBy}
        </span>
      </div>
    </>
  );
}
