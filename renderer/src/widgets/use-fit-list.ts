/**
 * A wall list shows the items that fit whole and hides the rest: an item cut in half at the panel
 * edge reads as a different word from across the room ("#kestreldo"), and a wall is never
 * scrolled. Items are hidden from the end (lists are ordered strongest or newest first), and an
 * item wider than the list (one huge trending term) is scaled down to fit rather than clipped.
 */
import { useLayoutEffect, useRef } from 'react';

export function useFitList<T extends HTMLElement>(deps: readonly unknown[]): React.RefObject<T | null> {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const list = ref.current;
    if (!list) return;
    let frame = 0;
    const fit = () => {
      const items = [...list.children] as HTMLElement[];
      for (const item of items) {
        item.style.display = '';
        item.style.transform = '';
        item.style.transformOrigin = '';
      }
      const box = list.getBoundingClientRect();
      if (box.height === 0) return;
      for (const item of items) {
        const width = item.getBoundingClientRect().width;
        if (width > box.width + 0.5) {
          item.style.transformOrigin = 'left center';
          item.style.transform = `scale(${(box.width / width).toFixed(3)})`;
        }
      }
      for (let i = items.length - 1; i >= 0; i--) {
        const overflows = items.some((item) => item.style.display !== 'none' && item.getBoundingClientRect().bottom > box.bottom + 0.5);
        if (!overflows) break;
        items[i]!.style.display = 'none';
      }
      list.dataset.shown = String(items.filter((item) => item.style.display !== 'none').length);
    };
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    };
    fit();
    const observer = new ResizeObserver(schedule);
    observer.observe(list);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what changes the items
  }, deps);
  return ref;
}
