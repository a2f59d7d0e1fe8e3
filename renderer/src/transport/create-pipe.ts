import type { FramePipe } from '@shared/contract/frames';
import { bridgePipe } from './bridge-pipe';
import { coreSocketUrl, ReconnectingWebSocketPipe } from './websocket-pipe';

/** Electron windows get the preload bridge; any other browser talks to serve mode's socket. */
export function createPipe(): FramePipe {
  const bridge = window.earshotBridge;
  if (bridge) return bridgePipe(bridge);
  return new ReconnectingWebSocketPipe(coreSocketUrl(window.location));
}
