/**
 * What the two shells (serve mode and Electron) see of the core. The core runs under plain Node
 * and never imports `electron`; a shell gives it a data folder and moves frames for it.
 */
import type { Caller, Role } from '@shared/contract/access';
import type { HealthReport } from '@shared/domain/health';
import type { IssuedSession, PairingState } from '../people/access-service';
import type { WindowLayout } from '@shared/domain/layout';
import type { KeyedMonitor } from '@shared/logic/walls/display-assignment';
import type { PdfRenderer } from '../reports/pdf-renderer';
import type { SecretCipher } from '../secrets/secret-store';
import type { Logger } from '../base/logger';

export interface CoreSession {
  /** Hand the core one frame a window sent. Invalid frames are answered with an error frame. */
  receive(frame: string): void;
  /** The window is gone: drop its subscriptions. */
  close(): void;
}

export interface Core {
  readonly dataDir: string;
  readonly version: string;
  /**
   * One session per window or browser connection; `send` delivers a frame to it. `caller` is who
   * the transport authenticated (the Electron window and in-process callers are the local owner);
   * `end` closes the connection when the caller's sign-in is revoked or the wall is unpaired.
   */
  openSession(send: (frame: string) => void, caller: Caller, options?: { end?: (reason: string) => void }): CoreSession;
  /** Sign-in, sessions and wall pairing, for serve mode's HTTP routes. */
  auth: AuthShellApi;
  health(): HealthReport;
  /** The saved multi-monitor layout (null until one was saved); the Electron shell owns its meaning. */
  getLayout(): WindowLayout | null;
  setLayout(layout: WindowLayout): void;
  /** Wall displays and the monitors they are assigned to, for the Electron shell (see docs/walls.md). */
  walls: WallsShellApi;
  /** Incident report exports: how the shell prints pages to PDF and shows finished files. */
  reports: ReportsShellApi;
  /** Stops every source, flushes, closes the database and releases the data-folder lock. */
  stop(): Promise<void>;
}

export interface AuthShellApi {
  /** True until the first person (the owner) exists. */
  needsOwner(): boolean;
  /** Refused (ApiError conflict) once anyone exists; serve mode allows it from loopback only. */
  createOwner(name: string, passphrase: string, userAgent: string): Promise<IssuedSession>;
  signIn(name: string, passphrase: string, userAgent: string): Promise<IssuedSession | null>;
  signOut(token: string): void;
  /** Who a session cookie stands for, or null if it is unknown, expired or revoked. */
  callerFor(token: string): Caller | null;
  startPairing(userAgent: string): { code: string; secret: string; expiresAt: number } | null;
  pairingState(secret: string, userAgent: string): PairingState;
  /** Where an upload (a remote session's file for an import or a bundle) is written; named `upload:<id>` in calls. */
  newUpload(fileName: string): { id: string; file: string };
  /** A session token, kept in memory only, for the hub's own helper that loads its pages (the PDF printer). */
  serviceToken(name: string, role: Role): string;
}

export interface WallsShellApi {
  /** Every wall display with the stable key of the monitor it is assigned to (null: a browser wall). */
  assignments(): Array<{ displayId: string; monitorKey: string | null }>;
  /** The monitors connected now, for the control view's monitor picker. */
  setMonitors(monitors: KeyedMonitor[]): void;
  /** Creates wall displays for monitors that have none (first start). */
  adopt(proposals: Array<{ displayId: string; monitorKey: string; name: string }>): void;
  /** Called after any display's settings change (e.g. its monitor was reassigned). */
  onChange(listener: () => void): () => void;
}

export interface ReportsShellApi {
  /** Serve mode sets headless Chromium once it listens; Electron a hidden window's printToPDF. */
  setPdfRenderer(renderer: PdfRenderer | null): void;
  /** Electron: show a finished export in its folder (returns whether it did). */
  setReveal(reveal: ((path: string) => boolean) | null): void;
  /** The file behind an export's name, or null for a name that is not an export's (serve mode's download route). */
  exportPath(fileName: string): string | null;
}

export interface CoreOptions {
  /** Folder for the database, config and lock. Created if missing. */
  dataDir: string;
  version: string;
  logger?: Logger;
  /**
   * Path of a better-sqlite3 addon built for the running runtime's ABI. The Electron shell passes
   * its Electron build here; plain Node uses the one in node_modules.
   */
  nativeBinding?: string;
  /**
   * The Electron shell's OS keychain (safeStorage): source secrets are then stored encrypted.
   * Without it (serve mode) they are kept in `secrets.json`, readable only by the user (0600).
   */
  secretCipher?: SecretCipher | null;
  /** Overrides for the built-in demo source, e.g. from EARSHOT_DEMO_RATE. */
  demo?: { ratePerMinute?: number; episodeEveryMinutes?: number | null; enabled?: boolean };
  /** Extra replay sources to register at start, e.g. from EARSHOT_REPLAY_FILE. */
  replays?: ReplaySourceOptions[];
  /** Folders the local owner may name files in, from EARSHOT_ALLOWED_FOLDERS (default: home and temp folders). */
  allowedFolders?: readonly string[];
  /** Where the webhook receiver listens, from EARSHOT_WEBHOOK_HOST / EARSHOT_WEBHOOK_PORT (default 127.0.0.1:4871). */
  webhook?: { host: string; port: number };
  /** Entries added at start to the outbound allowlist (Settings → Outbound), from EARSHOT_OUTBOUND_ALLOW. */
  outboundAllow?: string[];
}

export interface ReplaySourceOptions {
  /** A CSV file: the airline-tweets layout, or any CSV with text/id/created columns. */
  file: string;
  /** 1 = the data set's own pace; 60 = a minute per second; 'max' = as fast as possible. */
  speed: number | 'max';
  /** 'shifted' moves the data set to start now (walls show it live); 'original' keeps its times. */
  timestamps: 'shifted' | 'original';
}
