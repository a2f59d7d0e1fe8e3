import { useSyncExternalStore } from 'react';

/**
 * The root font size in pixels. SVG charts lay out their ticks in pixels, so they need the same
 * scale the rem-based CSS uses to stay proportional from 1080p to 4K.
 */
function read(): number {
  const px = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px : 16;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

export function useRootFontPx(): number {
  return useSyncExternalStore(subscribe, read);
}
