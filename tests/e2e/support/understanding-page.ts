/** Page model of the Understanding console (`#/understanding`): every selector its spec uses. */
import type { Locator, Page } from '@playwright/test';

export class UnderstandingPage {
  readonly reviewRows: Locator;
  readonly refresh: Locator;
  readonly explanation: Locator;
  readonly storedLabel: Locator;
  readonly pushes: Locator;
  readonly correction: Locator;
  readonly by: Locator;

  constructor(readonly page: Page) {
    this.reviewRows = page.locator('[data-testid^="review-row-"]');
    this.refresh = page.getByTestId('review-refresh');
    this.explanation = page.getByTestId('explanation');
    this.storedLabel = this.explanation.getByTestId('explain-stored-label');
    this.pushes = this.explanation.getByTestId('explain-pushes');
    this.correction = this.explanation.getByTestId('explain-correction');
    this.by = this.explanation.getByTestId('correct-by');
  }

  async open(): Promise<void> {
    await this.page.goto('/#/understanding');
    await this.page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  }

  correctTo(label: string): Locator {
    return this.explanation.getByTestId(`correct-${label}`);
  }

  correctionRow(mentionId: number): Locator {
    return this.page.getByTestId(`correction-row-${mentionId}`);
  }
}
