/**
 * The Topics screen in a real browser against a real serve-mode core with the demo source: a user
 * writes a query, is told where it is wrong, fixes it, sees what it would match in stored history,
 * saves it, and watches new demo mentions being tagged with it. Then pauses and deletes it.
 */
import { expect, test } from './support/fixtures';
import { TopicsPage } from './support/topics-page';

const BROKEN = '@KestrelMobile OR (kestrel* -test';
const FIXED = `${BROKEN})`;

test('create a topic from the Topics screen: parse error with its position, preview, save, live tagging', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const shot = async (name: string) => {
    const path = testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  };
  const topics = new TopicsPage(page);
  await topics.open();
  await expect(page.getByTestId('topics-empty')).toBeVisible();

  await topics.addButton.click();
  await topics.name.fill('Kestrel Mobile');
  await topics.kind.selectOption('brand');

  await test.step('a malformed query is explained under the field, marked where it is wrong', async () => {
    await topics.query.fill(BROKEN);
    await expect(topics.queryError).toBeVisible();
    await expect(topics.queryError).toContainText("'(' is never closed");
    const at = BROKEN.indexOf('(');
    await expect(topics.queryError).toHaveAttribute('data-position', String(at));
    await expect(topics.queryError).toContainText(`Character ${at + 1}`);
    await expect(topics.queryErrorMark).toHaveText('(');
    await expect(topics.save).toBeDisabled();
    await shot('topics-query-error');
  });

  await test.step('fixed, it previews what it matches in stored history', async () => {
    await topics.query.fill(FIXED);
    await expect(topics.queryError).toHaveCount(0);
    // The demo source stores a few mentions a second; retype (a trailing space) until some exist.
    await expect
      .poll(
        async () => {
          const count = await topics.previewCountValue();
          if (count === 0) {
            const value = await topics.query.inputValue();
            await topics.query.fill(value.endsWith(' ') ? value.trimEnd() : `${value} `);
          }
          return count;
        },
        { timeout: 30_000, intervals: [500, 1_000, 2_000] },
      )
      .toBeGreaterThan(0);
    await expect(topics.previewMentions.first()).toBeVisible();
    await expect(topics.previewCount).toHaveAttribute('data-partial', 'false');
    // Sample texts are the demo's brand chatter, shown as text.
    await expect(topics.previewMentions.first()).toContainText(/kestrel/i);
    await expect(topics.save).toBeEnabled();
    await shot('topics-preview');
  });

  await test.step('saved, the topic is listed and new demo mentions are tagged with it', async () => {
    await topics.save.click();
    await expect(topics.editor).toHaveCount(0);
    const row = topics.row('Kestrel Mobile');
    await expect(row).toBeVisible();
    await expect(row).toHaveAttribute('data-enabled', 'true');
    await expect(row).toContainText(FIXED);
    await expect.poll(() => topics.hourTotal('Kestrel Mobile'), { timeout: 30_000 }).toBeGreaterThan(0);
    const first = await topics.hourTotal('Kestrel Mobile');
    await expect.poll(() => topics.hourTotal('Kestrel Mobile'), { timeout: 30_000 }).toBeGreaterThan(first);
    await shot('topics-list');
  });

  await test.step('a second topic with the same name is refused next to the field', async () => {
    await topics.addButton.click();
    await topics.name.fill('kestrel mobile');
    await expect(page.getByTestId('topic-name-error')).toContainText('already exists');
    await expect(topics.save).toBeDisabled();
    await page.getByTestId('topic-cancel').click();
  });

  await test.step('pause and delete (after confirming)', async () => {
    const row = topics.row('Kestrel Mobile');
    await row.getByTestId('topic-toggle').click();
    await expect(row).toHaveAttribute('data-enabled', 'false');
    await row.getByTestId('topic-delete').click();
    await row.getByTestId('topic-delete-cancel').click();
    await expect(row).toBeVisible();
    await row.getByTestId('topic-delete').click();
    await row.getByTestId('topic-delete-confirm').click();
    await expect(topics.rows).toHaveCount(0);
    await expect(page.getByTestId('topics-empty')).toBeVisible();
  });
});
