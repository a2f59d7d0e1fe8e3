/**
 * Page models and a core client for the walls tests: selectors live here, and setup that is not
 * what a test is about (saving a playlist, configuring a display) goes through the contract over
 * a WebSocket, as any client would.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { socketUrl, TestSocket } from './ws-client';

export class CoreClient {
  private constructor(private readonly socket: TestSocket) {}

  static async open(baseUrl: string): Promise<CoreClient> {
    return new CoreClient(await TestSocket.open(socketUrl(baseUrl)));
  }

  async call<T = unknown>(method: string, params: unknown = {}): Promise<T> {
    const frame = await this.socket.call(method, params);
    if (!frame.ok) throw new Error(`${method} failed: ${frame.error?.code} ${frame.error?.message}`);
    return frame.result as T;
  }

  /** Creates (if needed) and configures a display; returns its saved settings. */
  async display(id: string, patch: Record<string, unknown>): Promise<void> {
    const { display } = await this.call<{ display: { config: Record<string, unknown> } }>('walls.displays.get', { id });
    await this.call('walls.displays.save', { display: { ...display.config, ...patch } });
  }

  close(): void {
    this.socket.close();
  }
}

export class WallPage {
  readonly root: Locator;
  readonly takeoverBanner: Locator;
  readonly widgets: Locator;

  constructor(
    readonly page: Page,
    readonly displayId: string,
  ) {
    this.root = page.getByTestId('wall');
    this.takeoverBanner = page.getByTestId('takeover-banner');
    this.widgets = page.locator('.wallpage--current [data-testid="wall-widget"]');
  }

  async open(): Promise<void> {
    await this.page.goto(`/#/wall?display=${this.displayId}`);
    await this.page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    await expect(this.root).toHaveAttribute('data-display-id', this.displayId);
    await expect(this.root).not.toHaveAttribute('data-page-reason', 'loading');
  }

  layoutId(): Promise<string | null> {
    return this.root.getAttribute('data-layout-id');
  }

  async expectLayout(layoutId: string, reason?: string, timeout = 30_000): Promise<void> {
    await expect(this.root).toHaveAttribute('data-layout-id', layoutId, { timeout });
    if (reason) await expect(this.root).toHaveAttribute('data-page-reason', reason, { timeout });
  }

  /** Waits until the current page's widgets have drawn their first data. */
  async expectWidgetsLoaded(): Promise<void> {
    await expect(this.page.locator('.wallpage--current')).toHaveCount(1);
    await expect(this.page.locator('.wallpage--current [data-testid="widget-freshness"][data-state="waiting"]')).toHaveCount(0, { timeout: 20_000 });
  }
}

export class LayoutsPage {
  readonly rows: Locator;
  readonly importInput: Locator;
  readonly result: Locator;
  readonly error: Locator;
  readonly editor: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('layout-row');
    this.importInput = page.getByTestId('layout-import');
    this.result = page.getByTestId('layout-action-result');
    this.error = page.getByTestId('layout-action-error');
    this.editor = page.getByTestId('layout-editor');
  }

  async open(): Promise<void> {
    await this.page.goto('/#/layouts');
    await expect(this.rows.first()).toBeVisible({ timeout: 30_000 });
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.locator('.layouts__name', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) }) });
  }

  /** Clicks Export on a row and returns the downloaded file's name and text. */
  async export(name: string): Promise<{ fileName: string; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.row(name).getByTestId('layout-export').click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { fileName: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  async import(fileName: string, text: string): Promise<void> {
    await this.importInput.setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
  }
}
