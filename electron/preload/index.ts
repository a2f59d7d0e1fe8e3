/**
 * The whole surface a window gets: a pipe for string frames on one fixed channel. The call layer
 * (`shared/rpc`) runs in the page; the core validates every frame and the main process checks who
 * sent it. Sandboxed: bundled to CommonJS, may only require `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { fitsFrameLimit } from './frame-limit';
import { FrameRelay, type FrameListener } from './frame-relay';

const CHANNEL = 'earshot:frame';

const relay = new FrameRelay();

ipcRenderer.on(CHANNEL, (_event: IpcRendererEvent, frame: unknown) => {
  // The IPC event itself (and its `sender`) never reaches the page.
  if (typeof frame === 'string') relay.push(frame);
});

contextBridge.exposeInMainWorld('earshotBridge', {
  send(frame: string): void {
    if (typeof frame !== 'string') throw new TypeError('earshotBridge.send expects a string frame');
    if (!fitsFrameLimit(frame)) throw new RangeError('earshotBridge.send: the frame exceeds the size limit');
    ipcRenderer.send(CHANNEL, frame);
  },
  onFrame(listener: FrameListener): () => void {
    if (typeof listener !== 'function') throw new TypeError('earshotBridge.onFrame expects a function');
    return relay.onFrame(listener);
  },
});
