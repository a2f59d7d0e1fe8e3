/**
 * The inbox page model: every selector the care end-to-end tests use. The renderer exposes state
 * in data-* attributes (conversation id, status, assignee, reply status, KPI counts).
 */
import { signPageInAs } from './people';
import { expect, type Locator, type Page } from '@playwright/test';

export class InboxPage {
  readonly rows: Locator;
  readonly selectedRow: Locator;
  readonly conversation: Locator;
  readonly status: Locator;
  readonly assignee: Locator;
  readonly presence: Locator;
  readonly composer: Locator;
  readonly replies: Locator;
  readonly history: Locator;
  readonly notice: Locator;
  readonly help: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('inbox-row');
    this.selectedRow = page.locator('[data-testid="inbox-row"][aria-selected="true"]');
    this.conversation = page.getByTestId('conversation');
    this.status = page.getByTestId('conversation-status');
    this.assignee = page.getByTestId('conversation-assignee');
    this.presence = page.getByTestId('conversation-presence');
    this.composer = page.getByTestId('reply-text');
    this.replies = page.getByTestId('reply');
    this.history = page.getByTestId('history').locator('li');
    this.notice = page.getByTestId('inbox-notice');
    this.help = page.getByTestId('help-overlay');
  }

  /** Signs the page in as `operator` (an agent, added by the owner if new) before it loads the inbox. */
  static async as(page: Page, operator: string, baseUrl: string): Promise<InboxPage> {
    await signPageInAs(page, baseUrl, operator, 'agent');
    const inbox = new InboxPage(page);
    await page.goto('/#/inbox');
    await page.locator('body[data-earshot-view="inbox"]').waitFor({ state: 'attached' });
    return inbox;
  }

  /**
   * New conversations do not shift the rows under an agent: they wait behind "N new — show". On a
   * fresh hub the first page can be short, so this clicks it as a person would until enough show.
   */
  async waitForConversations(min = 1): Promise<void> {
    const showNew = this.page.getByTestId('inbox-new');
    await expect
      .poll(
        async () => {
          const count = await this.rows.count();
          if (count < min && (await showNew.isVisible())) await showNew.click().catch(() => undefined);
          return count;
        },
        { timeout: 45_000 },
      )
      .toBeGreaterThanOrEqual(min);
    await expect(this.conversation).toBeVisible();
  }

  /** Takes the focus off any field so single-key shortcuts reach the inbox. */
  async focusList(): Promise<void> {
    await this.page.getByTestId('inbox-list').focus();
  }

  async selectedId(): Promise<string | null> {
    return this.selectedRow.getAttribute('data-conversation-id');
  }

  async openConversationId(): Promise<string | null> {
    return this.conversation.getAttribute('data-conversation-id');
  }

  async kpiCount(id: 'frt' | 'resolution' | 'ratio' | 'backlog'): Promise<number> {
    return Number(await this.page.getByTestId(`kpi-${id}`).getAttribute('data-count'));
  }

  async historyKinds(): Promise<string[]> {
    return this.history.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind') ?? ''));
  }
}
