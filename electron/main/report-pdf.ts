/**
 * Report exports in the app: the report view printed by a hidden window (`webContents.printToPDF`),
 * and finished files shown in their folder. The hidden window is as locked down as every other
 * (same web preferences, navigation guard, IPC bridge) and is destroyed after each print.
 */
import { BrowserWindow, shell, type WebContents } from 'electron';
import type { Logger } from '../core/base/logger';
import type { PdfRenderer } from '../core/reports/pdf-renderer';
import { guardNavigation, secureWebPreferences } from './hardening';
import { viewUrl, type RendererLocation } from './renderer-location';

const READY_TIMEOUT_MS = 30_000;
const POLL_MS = 250;

export interface ElectronPdfOptions {
  location: RendererLocation;
  preloadPath: string;
  /** Connects the window to the core (the IPC bridge), as for every window the shell creates. */
  attach: (contents: WebContents) => void;
  log: Logger;
}

export function electronPdfRenderer(options: ElectronPdfOptions): PdfRenderer {
  return {
    async render(route: string): Promise<Buffer> {
      const win = new BrowserWindow({ show: false, width: 1000, height: 1400, webPreferences: secureWebPreferences(options.preloadPath) });
      try {
        guardNavigation(win.webContents, options.location, options.log);
        options.attach(win.webContents);
        const hash = route.replace(/^#\/?/, '');
        if (options.location.kind === 'file') await win.loadFile(options.location.indexFile, { hash: `/${hash}` });
        else await win.loadURL(`${viewUrl(options.location, 'report').split('#')[0]}#/${hash}`);
        await waitForReport(win.webContents);
        const failed = (await win.webContents.executeJavaScript('document.body.dataset.reportError ?? ""')) as string;
        if (failed) throw new Error(`the report page could not build the report: ${failed}`);
        return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      } finally {
        if (!win.isDestroyed()) win.destroy();
      }
    },
  };
}

async function waitForReport(contents: WebContents): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const ready = (await contents.executeJavaScript('document.body.dataset.reportReady === "true"')) as boolean;
    if (ready) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, POLL_MS));
  }
  throw new Error(`the report page was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Shows an exported file in the system's file manager. */
export function revealExport(path: string): boolean {
  shell.showItemInFolder(path);
  return true;
}
