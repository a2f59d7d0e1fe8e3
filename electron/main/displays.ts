/** The monitors as the shared layout logic sees them, and one signal when they change. */
import { screen } from 'electron';
import type { DisplayInfo } from '@shared/domain/layout';

export function currentDisplays(): DisplayInfo[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((display) => ({
    id: display.id,
    primary: display.id === primaryId,
    bounds: { ...display.bounds },
    workArea: { ...display.workArea },
  }));
}

/**
 * Plugging a monitor in or out fires a burst of events (added/removed, then metrics changes as
 * the desktop rearranges); act once it has settled.
 */
export function onDisplaysChanged(listener: () => void, settleMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const changed = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      listener();
    }, settleMs);
  };
  screen.on('display-added', changed);
  screen.on('display-removed', changed);
  screen.on('display-metrics-changed', changed);
  return () => {
    if (timer) clearTimeout(timer);
    screen.removeListener('display-added', changed);
    screen.removeListener('display-removed', changed);
    screen.removeListener('display-metrics-changed', changed);
  };
}
