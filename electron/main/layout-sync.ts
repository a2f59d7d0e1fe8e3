/**
 * Saves the layout when the user moves, resizes or (un)fullscreens a window, or switches its
 * view. Our own placing (at start, after a monitor change) is not a user move, and a displaced
 * window's moves are not saved: its saved monitor is where it returns when that monitor does.
 */
import type { Core } from '../core/app/core-api';
import type { Logger } from '../core/base/logger';
import { samePlacement } from '@shared/logic/window-placement';
import { viewFromUrl } from './renderer-location';
import { windowTitle, type ManagedWindow, type WindowManager } from './windows';

export class LayoutSync {
  private readonly pending = new Map<ManagedWindow, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly core: Core,
    private readonly windows: WindowManager,
    private readonly log: Logger,
    private readonly debounceMs = 500,
  ) {}

  track(managed: ManagedWindow): void {
    const { win } = managed;
    const changed = (): void => this.schedule(managed);
    win.on('moved', changed);
    win.on('resized', changed);
    win.on('enter-full-screen', changed);
    win.on('leave-full-screen', changed);
    win.webContents.on('did-navigate-in-page', (_event, url, isMainFrame) => {
      if (isMainFrame) this.viewShown(managed, url);
    });
    win.once('closed', () => this.cancel(managed));
  }

  /** "Save current window layout": what the user sees now, except displaced windows. */
  saveNow(): void {
    for (const managed of this.windows.all()) {
      this.cancel(managed);
      this.capture(managed, true);
    }
    this.save();
  }

  /** Before the core stops: write moves still waiting for their debounce. */
  flush(): void {
    let changed = false;
    for (const managed of [...this.pending.keys()]) {
      this.cancel(managed);
      changed = this.capture(managed, false) || changed;
    }
    if (changed) this.save();
  }

  save(): void {
    const layout = this.windows.layout();
    if (layout.windows.length === 0) return;
    try {
      this.core.setLayout(layout);
    } catch (error) {
      this.log.error('could not save the window layout', { error: String(error) });
    }
  }

  private schedule(managed: ManagedWindow): void {
    this.cancel(managed);
    this.pending.set(
      managed,
      setTimeout(() => {
        this.pending.delete(managed);
        if (this.capture(managed, false)) this.save();
      }, this.debounceMs),
    );
  }

  private cancel(managed: ManagedWindow): void {
    const timer = this.pending.get(managed);
    if (timer) clearTimeout(timer);
    this.pending.delete(managed);
  }

  /** Updates the window's saved placement from where it is; true when it changed. */
  private capture(managed: ManagedWindow, explicit: boolean): boolean {
    if (managed.displaced) return false;
    if (!explicit && Date.now() < managed.settleUntil) return false;
    const next = this.windows.observe(managed);
    if (!next || samePlacement(next, managed.placement)) return false;
    managed.placement = next;
    return true;
  }

  private viewShown(managed: ManagedWindow, url: string): void {
    const view = viewFromUrl(url);
    if (!view || view === managed.placement.view) return;
    managed.placement = { ...managed.placement, view };
    managed.win.setTitle(windowTitle(view));
    this.save();
  }
}
