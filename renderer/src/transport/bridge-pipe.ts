/**
 * The Electron preload's frame pipe. IPC to the core lives as long as the window, so the pipe is
 * always open; the core greets each page load with `hello`, which is what starts a sync.
 */
import type { FramePipe, PipeState } from '@shared/contract/frames';

/** What the preload exposes on `window`; nothing else of Electron reaches the page. */
export interface EarshotBridge {
  send(frame: string): void;
  onFrame(listener: (frame: string) => void): () => void;
}

declare global {
  interface Window {
    earshotBridge?: EarshotBridge;
  }
}

export function bridgePipe(bridge: EarshotBridge): FramePipe {
  return {
    state: 'open' satisfies PipeState,
    send: (frame) => bridge.send(frame),
    onFrame: (listener) => bridge.onFrame(listener),
    onState: () => () => {},
  };
}
