/**
 * Drives the time context: reads the replay asked for by the URL, moves `at` on while playing,
 * and writes the current moment back into the URL (without history entries).
 */
import { clockActions } from '../stores/clock';
import { currentReplay, hashWithReplay, replayActions, replayFromHash, useTimeContext } from './time-context';

/** How often a playing replay moves on; loads are throttled separately (see use-live.ts). */
const PLAY_STEP_MS = 200;
/** The URL follows a playing replay at most this often. */
const URL_EVERY_MS = 1_000;

export function startReplayDriver(): () => void {
  const fromUrl = () => {
    const asked = replayFromHash(window.location.hash);
    const s = currentReplay();
    if (!asked) {
      // Navigating to another view keeps the window in replay: put the parameters back.
      if (s) writeUrl();
      return;
    }
    if (!s || s.workspace !== asked.workspace || s.from !== asked.from || s.to !== asked.to) {
      replayActions.start({ ...asked, ...(s ? { speed: s.speed } : {}) });
    } else if (Math.abs(s.at - asked.at) >= 1000) {
      replayActions.seek(asked.at);
    }
  };
  let lastUrlAt = 0;
  const writeUrl = () => {
    lastUrlAt = Date.now();
    const next = hashWithReplay(window.location.hash, useTimeContext.getState());
    if (next !== window.location.hash) window.history.replaceState(null, '', next);
  };

  fromUrl();
  window.addEventListener('hashchange', fromUrl);

  let urlTimer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = useTimeContext.subscribe((s, prev) => {
    if (s.mode === 'live') {
      if (prev.mode === 'replay') {
        clockActions.set(Date.now());
        writeUrl();
      }
      return;
    }
    if (!s.playing) return writeUrl();
    const wait = URL_EVERY_MS - (Date.now() - lastUrlAt);
    if (wait <= 0) writeUrl();
    else
      urlTimer ??= setTimeout(() => {
        urlTimer = null;
        writeUrl();
      }, wait);
  });

  let last = Date.now();
  const player = setInterval(() => {
    const now = Date.now();
    const elapsed = now - last;
    last = now;
    const s = currentReplay();
    if (!s || !s.playing) return;
    replayActions.seek(s.at + elapsed * s.speed);
  }, PLAY_STEP_MS);

  return () => {
    window.removeEventListener('hashchange', fromUrl);
    unsubscribe();
    clearInterval(player);
    if (urlTimer !== null) clearTimeout(urlTimer);
  };
}
