/**
 * Page model of the Sources settings panel (add, edit, test, pause, delete); selectors live here.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class SourceSettingsPage {
  readonly rows: Locator;
  readonly editor: Locator;
  readonly notice: Locator;
  readonly testResult: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('source-row');
    this.editor = page.getByTestId('source-editor');
    this.notice = page.getByTestId('sources-notice');
    this.testResult = page.getByTestId('test-result');
  }

  async open(): Promise<void> {
    await this.page.goto('/#/sources');
    await this.page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  }

  row(sourceId: string): Locator {
    return this.rows.and(this.page.locator(`[data-source-id="${sourceId}"]`));
  }

  rowNamed(name: string): Locator {
    return this.rows.filter({ has: this.page.locator('.source-name', { hasText: name }) });
  }

  async startAdding(kind: string): Promise<void> {
    await this.page.getByTestId('add-source').click();
    await this.editor.getByTestId('source-kind').selectOption(kind);
    await expect(this.editor.getByTestId('source-form')).toHaveAttribute('data-kind', kind);
  }

  input(key: string): Locator {
    return this.editor.getByTestId(`input-${key}`);
  }

  fieldError(key: string): Locator {
    return this.editor.getByTestId(`error-${key}`);
  }

  async save(): Promise<void> {
    await this.editor.getByTestId('save-source').click();
  }

  async testConnection(): Promise<void> {
    await this.editor.getByTestId('test-source').click();
  }

  testMentions(): Locator {
    return this.testResult.getByTestId('test-mention');
  }

  async sourceIdOf(name: string): Promise<string> {
    const id = await this.rowNamed(name).getAttribute('data-source-id');
    if (!id) throw new Error(`no source row named ${name}`);
    return id;
  }
}
