/**
 * Hands incoming frames to the page's listeners. Until the first listener attaches, frames are
 * held: the core says `hello` as soon as the page has loaded, while React subscribes later.
 * Kept free of `electron` so it can be unit-tested under plain Node.
 */
export type FrameListener = (frame: string) => void;

export class FrameRelay {
  private readonly listeners = new Set<FrameListener>();
  private held: string[] | null = [];
  private flushScheduled = false;

  constructor(
    private readonly maxHeld = 1000,
    private readonly schedule: (task: () => void) => void = (task) => queueMicrotask(task),
    private readonly warn: (message: string, error?: unknown) => void = (message, error) => console.warn(message, error ?? ''),
  ) {}

  push(frame: string): void {
    if (this.held === null) {
      for (const listener of this.listeners) this.deliver(listener, frame);
    } else if (this.held.length < this.maxHeld) {
      this.held.push(frame);
    } else {
      this.warn('earshotBridge: no listener yet, dropped an incoming frame');
    }
  }

  onFrame(listener: FrameListener): () => void {
    this.listeners.add(listener);
    if (this.held !== null && !this.flushScheduled) {
      // Flush once the caller has finished wiring (IPC messages arrive as tasks, so none can slip
      // in before this microtask and overtake the held ones).
      this.flushScheduled = true;
      this.schedule(() => this.flush());
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  private flush(): void {
    this.flushScheduled = false;
    // Subscribed and gone again before the flush (e.g. React StrictMode): keep holding.
    if (this.held === null || this.listeners.size === 0) return;
    const held = this.held;
    this.held = null;
    for (const frame of held) for (const listener of this.listeners) this.deliver(listener, frame);
  }

  private deliver(listener: FrameListener, frame: string): void {
    try {
      listener(frame);
    } catch (error) {
      // One faulty listener must not starve the others.
      this.warn('earshotBridge: a frame listener threw', error);
    }
  }
}
