/** Page model of the Topics settings screen (`#/topics`): every selector the topics spec uses. */
import type { Locator, Page } from '@playwright/test';

export class TopicsPage {
  readonly addButton: Locator;
  readonly editor: Locator;
  readonly name: Locator;
  readonly kind: Locator;
  readonly query: Locator;
  readonly queryError: Locator;
  readonly queryErrorMark: Locator;
  readonly previewCount: Locator;
  readonly previewMentions: Locator;
  readonly save: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.addButton = page.getByTestId('add-topic');
    this.editor = page.getByTestId('topic-editor');
    this.name = this.editor.getByTestId('topic-name');
    this.kind = this.editor.getByTestId('topic-kind');
    this.query = this.editor.getByTestId('topic-query');
    this.queryError = this.editor.getByTestId('query-error');
    this.queryErrorMark = this.editor.getByTestId('query-error-mark');
    this.previewCount = this.editor.getByTestId('preview-count');
    this.previewMentions = this.editor.getByTestId('preview-mention');
    this.save = this.editor.getByTestId('topic-save');
    this.rows = page.getByTestId('topic-row');
  }

  async open(): Promise<void> {
    await this.page.goto('/#/topics');
    // The console marks itself ready once its first snapshots are on screen.
    await this.page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  }

  row(name: string): Locator {
    return this.rows.and(this.page.locator(`[data-topic-name="${name.replace(/["\\]/g, '\\$&')}"]`));
  }

  async previewCountValue(): Promise<number | null> {
    if ((await this.previewCount.count()) === 0) return null;
    return Number(await this.previewCount.getAttribute('data-count'));
  }

  async hourTotal(name: string): Promise<number> {
    return Number(await this.row(name).getByTestId('topic-hour-total').getAttribute('data-total'));
  }
}
