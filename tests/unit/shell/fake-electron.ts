/**
 * Just enough of Electron's main-process API to drive the shell's own logic under plain Node
 * (the real module needs the binary). Used through `vi.mock('electron', ...)`. Behaviour that
 * only real Electron can show (events from a window manager, real IPC) is covered by
 * tests/electron when the binary is installed.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FakeDisplay {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

export class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [];
  primaryId = 1;
  getAllDisplays(): FakeDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    const primary = this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0];
    if (!primary) throw new Error('no displays');
    return primary;
  }
}

export class FakeFrame {
  parent: FakeFrame | null = null;
  constructor(
    public url: string,
    public processId = 1,
    public routingId = 1,
  ) {}
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: string[] = [];
  destroyed = false;
  url = '';
  mainFrame = new FakeFrame('');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, frame: string): void {
    if (channel !== 'earshot:frame') throw new Error(`unexpected channel ${channel}`);
    this.sent.push(frame);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Commits a page load: what Electron reports when a document arrives. */
  load(url: string): void {
    this.emit('did-start-navigation', { url, isMainFrame: true, isSameDocument: false });
    this.url = url;
    this.mainFrame = new FakeFrame(url, this.mainFrame.processId, this.mainFrame.routingId + 1);
    this.emit('did-navigate', {}, url);
    this.emit('did-finish-load');
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  bounds: Rect;
  fullscreen = false;
  kiosk = false;
  visible = false;
  destroyed = false;
  readonly loads: string[] = [];

  constructor(readonly options: Partial<Rect> & Record<string, unknown>) {
    super();
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    FakeBrowserWindow.all.push(this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return null;
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  /** Like a window manager: moving a window emits `moved`/`resized`. */
  setBounds(bounds: Rect): void {
    const moved = bounds.x !== this.bounds.x || bounds.y !== this.bounds.y;
    const resized = bounds.width !== this.bounds.width || bounds.height !== this.bounds.height;
    this.bounds = { ...bounds };
    if (moved) this.emit('moved');
    if (resized) this.emit('resized');
  }
  isFullScreen(): boolean {
    return this.fullscreen;
  }
  setFullScreen(on: boolean): void {
    if (on === this.fullscreen) return;
    this.fullscreen = on;
    this.emit(on ? 'enter-full-screen' : 'leave-full-screen');
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  setKiosk(on: boolean): void {
    this.kiosk = on;
    this.setFullScreen(on);
  }
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {}
  setTitle(): void {}
  loadFile(file: string, options: { hash: string }): Promise<void> {
    this.loads.push(`${file}#${options.hash}`);
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    return Promise.resolve();
  }
  close(): void {
    this.destroyed = true;
    this.emit('closed');
    this.webContents.destroy();
  }
}

/** The app object: lifecycle events, paths, the single-instance lock, quit and exit. */
export class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly paths = new Map<string, string>([['appData', '/tmp/fake-appdata']]);
  singleInstance = true;
  sandboxed = false;
  exitCode: number | null = null;
  quitted = false;
  private resolveReady: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
  whenReady(): Promise<void> {
    return this.ready;
  }
  /** What Electron does once it has initialised. */
  makeReady(): void {
    this.resolveReady();
    this.emit('ready');
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`no path ${name}`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getAppPath(): string {
    return process.cwd();
  }
  enableSandbox(): void {
    this.sandboxed = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  /** Like Electron: `before-quit` may cancel; otherwise every window closes and the app ends. */
  quit(): void {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    for (const win of FakeBrowserWindow.getAllWindows()) win.close();
    this.quitted = true;
    this.emit('will-quit');
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

/**
 * safeStorage with a real cipher (AES-256-GCM, key in memory) standing in for the OS keychain.
 * `available` and `backend` let a test play a machine without a keyring.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  key: randomBytes(32),
  encrypted: 0,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(plain: string): Buffer {
    this.encrypted++;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  decryptString(encrypted: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  },
};

export const ipcMain = new EventEmitter();
export const screen = new FakeScreen();
export const app = new FakeApp();
export const shell = { openExternal: (): Promise<void> => Promise.resolve() };
export const BrowserWindow = FakeBrowserWindow;
export const errorBoxes: { title: string; message: string }[] = [];
export const dialog = { showErrorBox: (title: string, message: string): void => void errorBoxes.push({ title, message }) };
export const session = {
  defaultSession: {
    permissionRequest: null as unknown,
    beforeRequest: null as ((details: { url: string; resourceType: string }, callback: (response: { cancel: boolean }) => void) => void) | null,
    setPermissionRequestHandler(handler: unknown): void {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(): void {},
    setDevicePermissionHandler(): void {},
    webRequest: {
      onHeadersReceived(): void {},
      onBeforeRequest(handler: (details: { url: string; resourceType: string }, callback: (response: { cancel: boolean }) => void) => void): void {
        session.defaultSession.beforeRequest = handler;
      },
    },
  },
};
export const Menu = {
  current: null as unknown,
  buildFromTemplate: (template: unknown): unknown => ({ template }),
  setApplicationMenu(menu: unknown): void {
    Menu.current = menu;
  },
};
