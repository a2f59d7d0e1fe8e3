/** Page model for replay: the REPLAY band and scrubber on any view, and the review console. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ReplayBar {
  readonly band: Locator;
  readonly time: Locator;
  readonly play: Locator;
  readonly timeline: Locator;
  readonly nextAnnotation: Locator;
  readonly nextAlert: Locator;
  readonly previous: Locator;
  readonly annotationsToggle: Locator;
  readonly annotationText: Locator;
  readonly annotationAdd: Locator;
  readonly annotationRows: Locator;
  readonly exit: Locator;

  constructor(readonly page: Page) {
    this.band = page.getByTestId('replay-band');
    this.time = page.getByTestId('replay-time');
    this.play = page.getByTestId('replay-play');
    this.timeline = page.getByTestId('replay-timeline');
    this.nextAnnotation = page.getByTestId('replay-next-annotation');
    this.nextAlert = page.getByTestId('replay-next-alert');
    this.previous = page.getByTestId('replay-previous');
    this.annotationsToggle = page.getByTestId('replay-annotations-toggle');
    this.annotationText = page.getByTestId('annotation-text');
    this.annotationAdd = page.getByTestId('annotation-add');
    this.annotationRows = page.getByTestId('replay-annotation-row');
    this.exit = page.getByTestId('replay-exit');
  }

  speed(n: number): Locator {
    return this.page.getByTestId(`replay-speed-${n}`);
  }

  /** The replay's moment (epoch ms) as the band shows it. */
  async at(): Promise<number> {
    return Number(await this.band.getAttribute('data-at'));
  }

  /** Seeks by clicking the timeline at a fraction of its width. */
  async seekFraction(fraction: number): Promise<void> {
    const box = await this.timeline.boundingBox();
    if (!box) throw new Error('the replay timeline is not on screen');
    await this.page.mouse.click(box.x + box.width * fraction, box.y + box.height / 2);
  }

  async expectAt(at: number): Promise<void> {
    await expect(this.band).toHaveAttribute('data-at', String(at));
  }
}

/** A wall widget's container cell by widget id, on the page currently shown. */
export function wallWidget(page: Page, widgetId: string): Locator {
  return page.locator(`.wallpage--current [data-testid="wall-widget"][data-widget-id="${widgetId}"]`);
}

export class ReviewPage {
  readonly recordTables: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly pickPeriod: Locator;
  readonly replayHere: Locator;
  readonly replayWall: Locator;

  constructor(readonly page: Page) {
    this.recordTables = page.getByTestId('record-table');
    this.from = page.getByTestId('review-from');
    this.to = page.getByTestId('review-to');
    this.pickPeriod = page.getByTestId('review-pick-period');
    this.replayHere = page.getByTestId('review-replay-here');
    this.replayWall = page.getByTestId('review-replay-wall');
  }

  async open(): Promise<void> {
    await this.page.goto('/#/review');
    await this.page.locator('body[data-earshot-view="review"]').waitFor({ state: 'attached' });
  }

  recordTable(name: string): Locator {
    return this.page.locator(`[data-testid="record-table"][data-table="${name}"]`);
  }
}
