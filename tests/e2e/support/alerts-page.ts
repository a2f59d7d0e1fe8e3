/** Page model of the alerts console (`#/alerts`): selectors in one place. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { AlertKind } from '@shared/domain/alert';

export class AlertsPage {
  readonly rules: Locator;
  readonly editor: Locator;
  readonly detail: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.rules = page.getByTestId('rule-row');
    this.editor = page.getByTestId('rule-editor');
    this.detail = page.getByTestId('alert-detail');
    this.history = page.getByTestId('alert-history');
  }

  async open(): Promise<void> {
    await this.page.goto('/#/alerts');
    await this.page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  }

  rows(kind: AlertKind): Locator {
    return this.page.locator(`[data-testid="alerts-row"][data-alert-kind="${kind}"]`);
  }

  async newRule(kind: string): Promise<void> {
    await this.page.getByTestId('new-rule-kind').selectOption(kind);
    await this.page.getByTestId('new-rule').click();
    await expect(this.editor).toBeVisible();
  }

  async historyActions(): Promise<string[]> {
    return this.history.locator('li').evaluateAll((items) => items.map((i) => i.getAttribute('data-action') ?? ''));
  }
}
