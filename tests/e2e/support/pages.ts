/**
 * Page models: every selector the e2e tests use lives here, so a renderer change is fixed once.
 * The renderer marks elements with `data-testid` and exposes values in `data-*` attributes.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { AlertKind } from '@shared/domain/alert';
import type { Freshness } from '@shared/logic/freshness';

/** The built-in demo source's id. */
export const DEMO_SOURCE_ID = 'demo';

async function waitForWall(page: Page): Promise<void> {
  // The renderer sets `document.body.dataset.earshotReady` once the first snapshot is on screen.
  await page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}

function parseSignedNumber(text: string): number | null {
  const match = /[-+\u2212]?\d+(?:\.\d+)?/.exec(text);
  return match ? Number(match[0].replace('\u2212', '-')) : null;
}

export class OverviewWall {
  readonly volumeChart: Locator;
  readonly sentimentNet: Locator;
  readonly sentimentSplit: Locator;
  readonly topAuthors: Locator;
  readonly tickerItems: Locator;
  readonly alertBanner: Locator;
  readonly sourceItems: Locator;
  readonly connectionStatus: Locator;

  constructor(readonly page: Page) {
    this.volumeChart = page.getByTestId('volume-chart');
    this.sentimentNet = page.getByTestId('sentiment-net');
    this.sentimentSplit = page.getByTestId('sentiment-split');
    this.topAuthors = page.getByTestId('top-authors');
    this.tickerItems = page.getByTestId('ticker').getByTestId('ticker-item');
    this.alertBanner = page.getByTestId('alert-banner');
    this.sourceItems = page.getByTestId('source-freshness').getByTestId('source-item');
    this.connectionStatus = page.getByTestId('connection-status');
  }

  async open(): Promise<void> {
    await this.page.goto('/#/overview');
    await waitForWall(this.page);
  }

  async volumeTotal(): Promise<number> {
    return Number(await this.volumeChart.getAttribute('data-total'));
  }

  /** The ticker's first item: the newest mention on the wall. */
  async newestMentionId(): Promise<string | null> {
    if ((await this.tickerItems.count()) === 0) return null;
    return this.tickerItems.first().getAttribute('data-mention-id');
  }

  /** Net sentiment from -100 to +100, or null while nobody said anything opinionated. */
  async netSentiment(): Promise<number | null> {
    const value = await this.sentimentNet.getAttribute('data-value');
    if (value !== null && value !== '') return Number(value);
    return parseSignedNumber(await this.sentimentNet.innerText());
  }

  alerts(kind: AlertKind): Locator {
    return this.alertBanner.locator(`[data-testid="alert-item"][data-alert-kind="${kind}"]`);
  }

  alert(alertId: string): Locator {
    return this.page.locator(`[data-testid="alert-item"][data-alert-id="${alertId}"]`);
  }

  sourceItem(sourceId: string): Locator {
    return this.sourceItems.and(this.page.locator(`[data-source-id="${sourceId}"]`));
  }

  async expectFreshness(sourceId: string, freshness: Freshness, timeout = 30_000): Promise<void> {
    await expect(this.sourceItem(sourceId)).toHaveAttribute('data-freshness', freshness, { timeout });
  }

  async connectionState(): Promise<string | null> {
    return this.connectionStatus.getAttribute('data-state');
  }
}

export class SourcesPage {
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('source-row');
  }

  async open(): Promise<void> {
    await this.page.goto('/#/sources');
    await waitForWall(this.page);
  }

  row(sourceId: string): Locator {
    return this.rows.and(this.page.locator(`[data-source-id="${sourceId}"]`));
  }

  async triggerEpisode(kind: 'outage' | 'influencer-complaint', sourceId = DEMO_SOURCE_ID): Promise<void> {
    await this.row(sourceId).getByTestId(`trigger-episode-${kind}`).click();
  }

  async toggleSource(sourceId = DEMO_SOURCE_ID): Promise<void> {
    await this.row(sourceId).getByTestId('toggle-source').click();
  }

  openAlerts(kind: AlertKind): Locator {
    return this.page.locator(`[data-testid="open-alert"][data-alert-kind="${kind}"]`);
  }

  openAlert(alertId: string): Locator {
    return this.page.locator(`[data-testid="open-alert"][data-alert-id="${alertId}"]`);
  }

  /** Acknowledges one open alert (as the signed-in person: the page has no name field then). */
  async acknowledge(alertId: string): Promise<void> {
    await this.openAlert(alertId).getByTestId('ack-alert').click();
    await expect(this.openAlert(alertId)).toHaveAttribute('data-acknowledged', 'true');
  }
}
