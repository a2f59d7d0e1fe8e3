/**
 * Type that reads from the back of the room. The renderer's rem scale already follows the
 * viewport (a 4K wall is twice a 1080p one); the viewing distance multiplies it: the reference is
 * 3 m, farther rooms get proportionally larger type (fewer, bigger things fit), nearer ones smaller.
 */
export const REFERENCE_VIEWING_DISTANCE_M = 3;

/** Root font size in px for a viewport and a viewing distance (metres). */
export function roomFontPx(viewport: { width: number; height: number }, viewingDistanceM: number): number {
  // The same rule as theme.css: min(1.05vw, 1.8667vh), clamped.
  const base = Math.min(viewport.width * 0.0105, viewport.height * 0.018667);
  const distance = Math.min(Math.max(viewingDistanceM, 1), 15);
  const factor = Math.min(Math.max(distance / REFERENCE_VIEWING_DISTANCE_M, 0.75), 2);
  return Math.round(Math.min(Math.max(base * factor, 12), 160) * 100) / 100;
}
