/**
 * Moves frames between our windows and the core on one channel. One core session per document:
 * a reload, a crash or a navigation ends it, and the next document gets a fresh one (which greets
 * with `hello`, so the page refetches its snapshots). The session opens when the page has loaded
 * or when it sends its first frame, whichever comes first: React may call before `load` fires.
 * The core validates frame contents; this checks who is talking.
 */
import { Buffer } from 'node:buffer';
import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import type { Core, CoreSession } from '../core/app/core-api';
import type { Logger } from '../core/base/logger';
import { MAX_FRAME_BYTES } from '@shared/contract/frames';
import type { Caller } from '@shared/contract/access';
import { throttled } from './log';
import { isRendererPage, type RendererLocation } from './renderer-location';

export const FRAME_CHANNEL = 'earshot:frame';
const LOCAL_OWNER: Caller = { kind: 'local-owner', name: null };

interface Attached {
  contents: WebContents;
  session: CoreSession | null;
  /** Identifies the current session, so frames of a closed one are never delivered. */
  token: object | null;
}

export class IpcBridge {
  /** Keyed by webContents id; only windows we created are ever attached. */
  private readonly attached = new Map<number, Attached>();
  private readonly warnDropped: Logger['warn'];
  private readonly onFrame = (event: IpcMainEvent, frame: unknown): void => this.receive(event, frame);

  constructor(
    private readonly core: Core,
    private readonly location: RendererLocation,
    private readonly log: Logger,
  ) {
    this.warnDropped = throttled(log);
  }

  install(): void {
    ipcMain.on(FRAME_CHANNEL, this.onFrame);
  }

  /** Before the core stops: no frame may reach it afterwards. */
  dispose(): void {
    ipcMain.removeListener(FRAME_CHANNEL, this.onFrame);
    for (const entry of this.attached.values()) this.closeSession(entry);
    this.attached.clear();
  }

  attach(contents: WebContents): void {
    const entry: Attached = { contents, session: null, token: null };
    this.attached.set(contents.id, entry);
    contents.on('did-finish-load', () => this.ensureSession(entry));
    contents.on('did-start-navigation', (details) => {
      // A reload or a load of our page replaces the document. Hash changes keep it (and its
      // session); navigations elsewhere are blocked (hardening.ts) and must not cost the session.
      if (details.isMainFrame && !details.isSameDocument && isRendererPage(details.url, this.location)) this.closeSession(entry);
    });
    // Whatever committed is a new document: frames the old one sent late must not carry over.
    contents.on('did-navigate', () => this.closeSession(entry));
    contents.on('render-process-gone', () => this.closeSession(entry));
    contents.once('destroyed', () => {
      this.closeSession(entry);
      this.attached.delete(contents.id);
    });
  }

  private ensureSession(entry: Attached): CoreSession | null {
    if (entry.session) return entry.session;
    const { contents } = entry;
    if (contents.isDestroyed() || !isRendererPage(contents.getURL(), this.location)) return null;
    const token = {};
    entry.token = token;
    // The core may greet from inside openSession, so the token is set before the call.
    // Our own windows, on the hub's own screen, are the local owner (isRendererPage checked above).
    const session = this.core.openSession((frame) => {
      if (entry.token === token && !contents.isDestroyed()) contents.send(FRAME_CHANNEL, frame);
    }, LOCAL_OWNER);
    entry.session = session;
    return session;
  }

  private closeSession(entry: Attached): void {
    const session = entry.session;
    entry.token = null;
    if (!session) return;
    entry.session = null;
    try {
      session.close();
    } catch (error) {
      this.log.error('closing a core session failed', { error: String(error) });
    }
  }

  private receive(event: IpcMainEvent, frame: unknown): void {
    const entry = this.attached.get(event.sender.id);
    const reason = this.refusal(event, entry, frame);
    const session = reason === null && entry ? this.ensureSession(entry) : null;
    if (reason !== null || !session) {
      // The reason and the sender, never the frame: it may hold anything.
      this.warnDropped(`dropped an IPC frame: ${reason ?? 'no page to talk to'}`, { sender: event.sender.id });
      return;
    }
    session.receive(frame as string);
  }

  private refusal(event: IpcMainEvent, entry: Attached | undefined, frame: unknown): string | null {
    if (!entry || entry.contents !== event.sender) return 'not one of our windows';
    const sender = event.senderFrame;
    const main = event.sender.mainFrame;
    if (!sender || sender.parent !== null || sender.processId !== main.processId || sender.routingId !== main.routingId) {
      return 'not the main frame';
    }
    if (!isRendererPage(sender.url, this.location)) return 'not our page';
    if (typeof frame !== 'string') return 'not a string';
    if (Buffer.byteLength(frame, 'utf8') > MAX_FRAME_BYTES) return 'frame too large';
    return null;
  }
}
