/**
 * Windows show text written by strangers (mentions), so every window is treated as potentially
 * hostile: no Node, sandboxed, isolated, no navigation or popups, no remote content, and a strict
 * CSP. The page talks to the core only through the preload's frame pipe.
 */
import { app, shell, type Session, type WebContents, type WebPreferences } from 'electron';
import type { Logger } from '../core/base/logger';
import { isAllowedRequest, isExternalWebUrl, isRendererPage, type RendererLocation } from './renderer-location';
import { CONTENT_SECURITY_POLICY } from '@shared/contract/content-security-policy';

/** Vite's dev server injects inline scripts (React refresh) and style tags; dev only. */
const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
  "style-src 'self'",
  "style-src 'self' 'unsafe-inline'",
);

/** Later alerts use desktop notifications; every other permission is refused. */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications']);

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    devTools: !app.isPackaged,
  };
}

/** Before `ready`: sandbox every renderer, whatever a window's options say. */
export function hardenApp(log: Logger): void {
  app.enableSandbox();
  // Applies to every webContents, including ones we did not create on purpose.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log.warn('blocked a <webview>');
    });
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url, log);
      return { action: 'deny' };
    });
  });
}

/** Per window: the page may reload and change its hash, never go anywhere else. */
export function guardNavigation(contents: WebContents, location: RendererLocation, log: Logger): void {
  const refuse = (event: { preventDefault(): void }, url: string): void => {
    if (isRendererPage(url, location)) return;
    event.preventDefault();
    log.warn('blocked a navigation away from the app', { to: safeForLog(url) });
  };
  contents.on('will-navigate', (event) => refuse(event, event.url));
  contents.on('will-redirect', (event) => refuse(event, event.url));
}

export function hardenSession(session: Session, location: RendererLocation, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
  session.setDevicePermissionHandler(() => false);

  const policy = location.kind === 'dev' ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  // file:// responses carry no headers, so the page also declares the same policy in a <meta>;
  // the header covers the dev server and anything served over a protocol.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, location);
    if (!allowed) log.warn('blocked a request for remote content', { url: safeForLog(details.url), type: details.resourceType });
    callback({ cancel: !allowed });
  });
}

function openExternally(url: string, log: Logger): void {
  if (!isExternalWebUrl(url)) {
    log.warn('refused to open a window', { url: safeForLog(url) });
    return;
  }
  shell.openExternal(url).catch((error: unknown) => log.warn('could not open a link in the browser', { error: String(error) }));
}

/** Enough to recognise a URL in a log, not enough to leak query strings or page data. */
function safeForLog(url: string): string {
  try {
    const parsed = new URL(url);
    const shown = parsed.protocol === 'file:' || parsed.origin === 'null' ? parsed.protocol + parsed.pathname : parsed.origin + parsed.pathname;
    return shown.slice(0, 200);
  } catch {
    return '(unparseable URL)';
  }
}
