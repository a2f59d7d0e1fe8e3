import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/core/app/core-api';
import { MAX_FRAME_BYTES } from '@shared/contract/frames';

vi.mock('electron', () => import('./fake-electron'));
const { FakeFrame, FakeWebContents, ipcMain } = await import('./fake-electron');
const { IpcBridge } = await import('../../../electron/main/ipc-bridge');
const { fileLocation } = await import('../../../electron/main/renderer-location');

const INDEX = '/opt/earshot/out/renderer/index.html';
const PAGE = `${pathToFileURL(INDEX).href}#/overview`;

interface FakeSession {
  received: string[];
  closed: boolean;
  send(frame: string): void;
  caller: unknown;
}

function setUp() {
  const sessions: FakeSession[] = [];
  const core = {
    openSession(send: (frame: string) => void, caller: unknown) {
      const session: FakeSession = { received: [], closed: false, send, caller };
      sessions.push(session);
      // The real core greets from inside openSession.
      send('{"t":"hello"}');
      return { receive: (frame: string) => session.received.push(frame), close: () => (session.closed = true) };
    },
  } as unknown as Core;
  const warnings: string[] = [];
  const log = { info: () => undefined, warn: (message: string) => warnings.push(message), error: (message: string) => warnings.push(message) };
  const bridge = new IpcBridge(core, fileLocation(INDEX), log);
  bridge.install();
  const contents = new FakeWebContents();
  bridge.attach(contents as never);
  const sendFromPage = (frame: unknown, senderFrame: InstanceType<typeof FakeFrame> | null = contents.mainFrame, sender = contents) =>
    ipcMain.emit('earshot:frame', { sender, senderFrame }, frame);
  return { bridge, contents, sessions, warnings, sendFromPage };
}

let current: ReturnType<typeof setUp> | null = null;
afterEach(() => {
  current?.bridge.dispose();
  current = null;
});

describe('IpcBridge', () => {
  it('opens a session when our page has loaded, and greets it', () => {
    const t = (current = setUp());
    t.contents.load(PAGE);
    expect(t.sessions).toHaveLength(1);
    expect(t.sessions[0]?.caller).toEqual({ kind: 'local-owner', name: null });
    expect(t.contents.sent).toEqual(['{"t":"hello"}']);
    t.sendFromPage('{"t":"sub","topic":"mentions.new"}');
    expect(t.sessions[0]?.received).toEqual(['{"t":"sub","topic":"mentions.new"}']);
  });

  it('opens the session on the first frame when the page calls before load has finished', () => {
    const t = (current = setUp());
    t.contents.url = PAGE;
    t.contents.mainFrame = new FakeFrame(PAGE);
    t.sendFromPage('{"t":"req"}');
    expect(t.sessions).toHaveLength(1);
    expect(t.sessions[0]?.received).toEqual(['{"t":"req"}']);
    t.contents.emit('did-finish-load');
    expect(t.sessions).toHaveLength(1);
  });

  it('drops frames from subframes, other pages, other senders, and bad or oversized frames', () => {
    const t = (current = setUp());
    t.contents.load(PAGE);
    const sub = new FakeFrame(PAGE, 1, 99);
    sub.parent = t.contents.mainFrame;
    t.sendFromPage('a', sub);
    t.sendFromPage('b', new FakeFrame(PAGE, 7, 1));
    t.sendFromPage('c', null);
    t.sendFromPage(42);
    t.sendFromPage({ t: 'req' });
    t.sendFromPage('x'.repeat(MAX_FRAME_BYTES + 1));
    t.sendFromPage('d', t.contents.mainFrame, new FakeWebContents());
    t.contents.mainFrame.url = 'https://evil.example/';
    t.sendFromPage('e');
    expect(t.sessions[0]?.received).toEqual([]);
    expect(t.warnings.length).toBeGreaterThan(0);
    expect(t.warnings.join('\n')).not.toContain('xxxx');
  });

  it('gives a reloaded page a fresh session, and the old one never reaches it', () => {
    const t = (current = setUp());
    t.contents.load(PAGE);
    const first = t.sessions[0]!;
    t.contents.load(PAGE);
    expect(first.closed).toBe(true);
    expect(t.sessions).toHaveLength(2);
    const before = t.contents.sent.length;
    first.send('{"t":"evt","late":true}');
    expect(t.contents.sent).toHaveLength(before);
    t.sessions[1]!.send('{"t":"evt"}');
    expect(t.contents.sent.at(-1)).toBe('{"t":"evt"}');
  });

  it('keeps the session across hash changes and blocked navigations elsewhere', () => {
    const t = (current = setUp());
    t.contents.load(PAGE);
    t.contents.emit('did-start-navigation', { url: PAGE.replace('overview', 'sources'), isMainFrame: true, isSameDocument: true });
    t.contents.emit('did-start-navigation', { url: 'https://example.com/', isMainFrame: true, isSameDocument: false });
    t.contents.emit('did-start-navigation', { url: 'https://ads.example/', isMainFrame: false, isSameDocument: false });
    expect(t.sessions[0]?.closed).toBe(false);
  });

  it('closes the session when the renderer dies or the window goes', () => {
    const t = (current = setUp());
    t.contents.load(PAGE);
    t.contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(t.sessions[0]?.closed).toBe(true);
    t.contents.load(PAGE);
    t.contents.destroy();
    expect(t.sessions[1]?.closed).toBe(true);
    t.sendFromPage('late');
    expect(t.sessions[1]?.received).toEqual([]);
  });

  it('does not open a session for a page that is not ours', () => {
    const t = (current = setUp());
    t.contents.load('https://example.com/');
    expect(t.sessions).toHaveLength(0);
  });
});
