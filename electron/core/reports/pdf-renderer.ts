/**
 * Printing the `#/report` view to PDF. The core does not know how a page is drawn: the shell hands
 * it a `PdfRenderer` (Electron: `webContents.printToPDF` of a hidden window, in electron/main;
 * serve mode: headless Chromium through playwright-core, below). The page sets
 * `data-report-ready` on <body> once every part of the report has arrived.
 */
import { existsSync } from 'node:fs';

export interface PdfRenderer {
  /** `route` is the hash route of the report view, e.g. `#/report?incident=3&ws=live`. */
  render(route: string): Promise<Buffer>;
}

/** Chromium's flags for running headless in a container (no sandbox, no GPU, no background traffic). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const READY_TIMEOUT_MS = 30_000;

/** The Chromium to drive: Playwright's own when installed, else $CHROMIUM_PATH, else /usr/bin/chromium. */
export function findChromium(playwrightOwn: string | null): { path: string | null; tried: string[] } {
  const candidates: Array<[string, string | undefined | null]> = [
    ["Playwright's own Chromium", playwrightOwn],
    ['$CHROMIUM_PATH', process.env.CHROMIUM_PATH],
    ['/usr/bin/chromium', '/usr/bin/chromium'],
  ];
  const tried: string[] = [];
  for (const [label, path] of candidates) {
    if (path && existsSync(path)) return { path, tried };
    tried.push(`${label} (${path ? `${path}: not found` : 'not set'})`);
  }
  return { path: null, tried };
}

/** Serve mode: opens `baseUrl + route` in headless Chromium, waits for the report, prints A4. */
export class ChromiumPdfRenderer implements PdfRenderer {
  /** `sessionCookie`: a `name=value` cookie the report page needs to open its socket (serve mode signs in). */
  constructor(
    private readonly baseUrl: string,
    private readonly sessionCookie: (() => { name: string; value: string }) | null = null,
  ) {}

  async render(route: string): Promise<Buffer> {
    // Loaded on first use: serve mode starts without it, and it is only needed to print.
    const { chromium } = await import('playwright-core');
    let own: string | null = null;
    try {
      own = chromium.executablePath();
    } catch {
      own = null;
    }
    const found = findChromium(own);
    if (found.path === null)
      throw new Error(
        `No Chromium to print the report with. Tried: ${found.tried.join('; ')}. Install one ("npx playwright install chromium", or "apt-get install chromium") or set CHROMIUM_PATH.`,
      );
    const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS, headless: true });
    try {
      const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
      if (this.sessionCookie) {
        const cookie = this.sessionCookie();
        await context.addCookies([{ ...cookie, url: this.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
      }
      const page = await context.newPage();
      await page.goto(new URL(`/${route}`, this.baseUrl).toString(), { waitUntil: 'load' });
      await page.waitForSelector('body[data-report-ready="true"]', { timeout: READY_TIMEOUT_MS });
      const failed = await page.getAttribute('body', 'data-report-error');
      if (failed) throw new Error(`the report page could not build the report: ${failed}`);
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' },
      });
    } finally {
      await browser.close();
    }
  }
}
