/**
 * Creates and tracks the app's windows, one per placement of the saved layout, and moves them
 * when monitors come and go. What a move by the user means for the saved layout is decided in
 * layout-sync.ts; where windows go is decided by the pure logic in shared/logic.
 */
import { BrowserWindow } from 'electron';
import type { Logger } from '../core/base/logger';
import type { ViewName, WindowLayout, WindowPlacement } from '@shared/domain/layout';
import { displayForBounds, observedPlacement, windowTargets, type WindowTarget } from '@shared/logic/window-placement';
import { currentDisplays } from './displays';
import { guardNavigation, secureWebPreferences } from './hardening';
import type { RendererLocation } from './renderer-location';
import { viewHash, viewUrl } from './renderer-location';

export interface ManagedWindow {
  readonly win: BrowserWindow;
  /** The saved placement this window stands for. */
  placement: WindowPlacement;
  /** Its saved monitor is missing: it sits on the primary and its moves are not saved. */
  displaced: boolean;
  /** Until then, move and fullscreen events are our own doing, not the user's. */
  settleUntil: number;
  crashes: number[];
}

export interface WindowManagerOptions {
  location: RendererLocation;
  preloadPath: string;
  iconPath: string | undefined;
  /** EARSHOT_KIOSK=1: fullscreen walls in kiosk mode (no way out by keyboard shortcuts). */
  kiosk: boolean;
  log: Logger;
  /** Before the page loads: the IPC bridge and the layout sync attach here. */
  onCreated(window: ManagedWindow): void;
  /** The user opened or closed a window. */
  onWindowsChanged(): void;
}

/** The saved layout allows this many windows. */
export const MAX_WINDOWS = 16;
const BACKGROUND = '#0b0f14';
const SETTLE_MS = 1500;
const SHOW_ANYWAY_MS = 10_000;
const FULLSCREEN_EXIT_TIMEOUT_MS = 1000;
const CRASH_RELOAD_DELAY_MS = 1000;
const MAX_CRASH_RELOADS_PER_MINUTE = 3;
const TITLES: Partial<Record<ViewName, string>> = { overview: 'Overview', sources: 'Sources', wall: 'Wall', control: 'Walls control', layouts: 'Wall layouts' };

/** Names the window for the OS (task switcher, window list); the page's own <title> is ignored. */
export function windowTitle(view: ViewName): string {
  return `Earshot — ${TITLES[view] ?? view.charAt(0).toUpperCase() + view.slice(1)}`;
}

export class WindowManager {
  private readonly windows: ManagedWindow[] = [];
  private quitting = false;

  constructor(private readonly options: WindowManagerOptions) {}

  all(): readonly ManagedWindow[] {
    return this.windows;
  }

  find(win: BrowserWindow): ManagedWindow | undefined {
    return this.windows.find((managed) => managed.win === win);
  }

  layout(): WindowLayout {
    return { version: 1, windows: this.windows.map((managed) => managed.placement) };
  }

  /** From now on closing windows is the app quitting, not the user changing the layout. */
  markQuitting(): void {
    this.quitting = true;
  }

  openLayout(layout: WindowLayout): void {
    const targets = windowTargets(layout, currentDisplays());
    layout.windows.slice(0, MAX_WINDOWS).forEach((placement, index) => {
      const target = targets[index];
      if (target) this.create(placement, target);
    });
  }

  /** A new window, windowed on the monitor of `near` (or the primary). */
  openView(view: ViewName, near: BrowserWindow | null): void {
    if (this.windows.length >= MAX_WINDOWS) {
      this.options.log.warn('not opening another window: the layout holds at most 16', { view });
      return;
    }
    const displays = currentDisplays();
    const display = near && !near.isDestroyed() ? displayForBounds(displays, near.getBounds()) : null;
    const placement: WindowPlacement = { view, displayId: display && !display.primary ? display.id : null, fullscreen: false, bounds: null };
    const [target] = windowTargets({ version: 1, windows: [placement] }, displays);
    if (!target) return;
    const managed = this.create(placement, target);
    managed.win.focus();
    this.options.onWindowsChanged();
  }

  /**
   * Wall windows follow their display's monitor assignment: a wall window is moved to the monitor
   * `layout` names for it (the monitor's OS id may have changed since it was saved), and a wall
   * display without a window gets one. Then `reconcileDisplays` places everything.
   */
  applyWalls(layout: WindowLayout): void {
    for (const placement of layout.windows) {
      if (!placement.wall) continue;
      const managed = this.windows.find((m) => m.placement.wall === placement.wall);
      if (managed) {
        managed.placement = { ...managed.placement, displayId: placement.displayId, fullscreen: placement.fullscreen };
      } else if (this.windows.length < MAX_WINDOWS) {
        const [target] = windowTargets({ version: 1, windows: [placement] }, currentDisplays());
        if (target) this.create(placement, target);
      }
    }
    this.reconcileDisplays();
  }

  /** After monitors changed: send displaced windows to the primary and returning ones home. */
  reconcileDisplays(): void {
    const displays = currentDisplays();
    const targets = windowTargets(this.layout(), displays);
    this.windows.forEach((managed, index) => {
      const target = targets[index];
      if (!target || managed.win.isDestroyed()) return;
      const wasDisplaced = managed.displaced;
      managed.displaced = target.displaced;
      const now = displayForBounds(displays, managed.win.getBounds());
      if (now?.id === target.displayId && wasDisplaced === target.displaced) return;
      this.options.log.info('moving a window after a monitor change', { view: managed.placement.view, displaced: target.displaced });
      this.place(managed, target);
    });
  }

  /** Where the window is now, as a placement; null when that cannot be told (minimized). */
  observe(managed: ManagedWindow): WindowPlacement | null {
    const { win } = managed;
    if (win.isDestroyed() || win.isMinimized()) return null;
    const bounds = win.getBounds();
    const display = displayForBounds(currentDisplays(), bounds);
    return display ? observedPlacement(managed.placement, display, bounds, this.isFull(win)) : null;
  }

  toggleFullScreen(win: BrowserWindow): void {
    if (this.isFull(win)) this.leaveFullScreen(win, () => undefined);
    else this.enterFullScreen(win);
  }

  reload(win: BrowserWindow): void {
    const managed = this.find(win);
    if (managed) this.load(managed);
  }

  private create(placement: WindowPlacement, target: WindowTarget): ManagedWindow {
    const { location, preloadPath, iconPath, log } = this.options;
    const win = new BrowserWindow({
      ...target.bounds,
      show: false,
      backgroundColor: BACKGROUND,
      title: windowTitle(placement.view),
      minWidth: 480,
      minHeight: 320,
      ...(iconPath ? { icon: iconPath } : {}),
      webPreferences: secureWebPreferences(preloadPath),
    });
    const managed: ManagedWindow = { win, placement, displaced: target.displaced, settleUntil: Date.now() + SETTLE_MS, crashes: [] };
    this.windows.push(managed);
    guardNavigation(win.webContents, location, log);
    // The page sets its own title per view; keep ours, which names the window for the OS.
    win.on('page-title-updated', (event) => event.preventDefault());
    let shown = false;
    const reveal = (): void => {
      if (shown || win.isDestroyed()) return;
      shown = true;
      clearTimeout(revealAnyway);
      managed.settleUntil = Date.now() + SETTLE_MS;
      win.setBounds(target.bounds);
      win.show();
      // Fullscreen only once on the right monitor: a window goes fullscreen where it stands.
      if (target.fullscreen) this.enterFullScreen(win);
    };
    win.once('ready-to-show', reveal);
    // A page that never paints (missing build, load error) must still show a window, not nothing.
    const revealAnyway = setTimeout(reveal, SHOW_ANYWAY_MS);
    win.webContents.on('render-process-gone', (_event, details) => this.recover(managed, details.reason));
    win.webContents.on('unresponsive', () => log.warn('a window stopped responding', { view: managed.placement.view }));
    win.on('closed', () => this.forget(managed));
    this.options.onCreated(managed);
    this.load(managed);
    return managed;
  }

  private load(managed: ManagedWindow): void {
    const { location, log } = this.options;
    const { win, placement } = managed;
    if (win.isDestroyed()) return;
    const loading =
      location.kind === 'file'
        ? win.loadFile(location.indexFile, { hash: `/${viewHash(placement.view, placement.wall)}` })
        : win.loadURL(viewUrl(location, placement.view, placement.wall));
    // Rejects when a reload replaces the load (ERR_ABORTED) or the files are missing.
    loading.catch((error: unknown) => log.error('a window could not load the app page', { view: placement.view, error: String(error) }));
  }

  /** A wall must come back by itself after a renderer crash, but not loop on a page that always crashes. */
  private recover(managed: ManagedWindow, reason: string): void {
    const { log } = this.options;
    log.error('a window lost its page', { view: managed.placement.view, reason });
    if (reason === 'clean-exit' || managed.win.isDestroyed()) return;
    const now = Date.now();
    managed.crashes = managed.crashes.filter((at) => now - at < 60_000);
    managed.crashes.push(now);
    if (managed.crashes.length > MAX_CRASH_RELOADS_PER_MINUTE) {
      log.error('not reloading a window that keeps crashing; use View → Reload', { view: managed.placement.view });
      return;
    }
    setTimeout(() => this.load(managed), CRASH_RELOAD_DELAY_MS);
  }

  private place(managed: ManagedWindow, target: WindowTarget): void {
    const { win } = managed;
    const apply = (): void => {
      if (win.isDestroyed()) return;
      managed.settleUntil = Date.now() + SETTLE_MS;
      win.setBounds(target.bounds);
      if (target.fullscreen) this.enterFullScreen(win);
    };
    managed.settleUntil = Date.now() + SETTLE_MS;
    // A fullscreen window cannot be moved; leave fullscreen first, then place it.
    if (this.isFull(win)) this.leaveFullScreen(win, apply);
    else apply();
  }

  private isFull(win: BrowserWindow): boolean {
    return win.isFullScreen() || win.isKiosk();
  }

  private enterFullScreen(win: BrowserWindow): void {
    if (this.options.kiosk) win.setKiosk(true);
    else win.setFullScreen(true);
  }

  private leaveFullScreen(win: BrowserWindow, then: () => void): void {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!win.isDestroyed()) win.removeListener('leave-full-screen', finish);
      then();
    };
    // Some window managers never confirm; do not wait forever.
    const timer = setTimeout(finish, FULLSCREEN_EXIT_TIMEOUT_MS);
    win.once('leave-full-screen', finish);
    if (win.isKiosk()) win.setKiosk(false);
    if (win.isFullScreen()) win.setFullScreen(false);
  }

  private forget(managed: ManagedWindow): void {
    const index = this.windows.indexOf(managed);
    if (index >= 0) this.windows.splice(index, 1);
    // Quitting closes every window, and closing the last one quits: neither changes the layout.
    if (!this.quitting && this.windows.length > 0) this.options.onWindowsChanged();
  }
}
