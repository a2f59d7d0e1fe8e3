/**
 * Incident bundles in the Review view against a real serve-mode core: export the picked period
 * (file name, size and checksum shown; the file downloads through /exports/), verify it and import
 * it by path as a read-only workspace, and see a tampered copy refused with the plain message.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, test } from './support/fixtures';
import { socketUrl, TestSocket } from './support/ws-client';

test('export a period as a bundle, download, verify and import it read-only, and refuse a tampered copy', async ({ page, serve, dataDir }, testInfo) => {
  test.setTimeout(120_000);
  const socket = await TestSocket.open(socketUrl(serve.url));
  try {
    // The demo source has spoken.
    await expect
      .poll(
        async () => {
          const frame = await socket.call('review.workspaces.list', {});
          return (frame.result as { workspaces: Array<{ id: string; mentions: number }> } | undefined)?.workspaces.find((w) => w.id === 'live')?.mentions ?? 0;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(5);
  } finally {
    socket.close();
  }

  await page.goto('/#/review');
  const panel = page.getByTestId('bundle-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('bundle-export')).toBeDisabled();
  await page.getByTestId('review-pick-period').click();
  await page.getByTestId('bundle-export').click();
  const result = page.getByTestId('bundle-export-result');
  await expect(result).toBeVisible();
  const fileName = (await result.getAttribute('data-file-name'))!;
  const checksum = (await result.getAttribute('data-checksum'))!;
  expect(fileName).toMatch(/^period-\d{8}-\d{4}\.earshot-bundle$/);
  expect(checksum).toMatch(/^[0-9a-f]{64}$/);
  await expect(result.getByTestId('bundle-checksum')).toHaveText(checksum);
  await expect(result.getByTestId('bundle-counts')).toContainText('mentions');

  // The download is the file the core wrote.
  const download = page.waitForEvent('download');
  await result.getByTestId('bundle-download').click();
  const saved = testInfo.outputPath(fileName);
  await (await download).saveAs(saved);
  const written = join(dataDir, 'exports', fileName);
  await expect(result.getByTestId('bundle-export-path')).toHaveText(written);
  expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(createHash('sha256').update(readFileSync(written)).digest('hex'));
  const doc = JSON.parse(gunzipSync(readFileSync(saved)).toString('utf8')) as { checksum: { value: string }; contents: { mentions: Array<{ text: string }> } };
  expect(doc.checksum.value).toBe(checksum);

  // A browser cannot name the hub's files, not even its own export: it uploads the bundle.
  const owner = await TestSocket.open(socketUrl(serve.url));
  const byPath = await owner.call('bundles.verify', { path: written });
  owner.close();
  expect(byPath.error?.code).toBe('forbidden');
  expect(byPath.error?.message).toBe("bundles.verify path names a path on the hub; only the hub's own window may do that. Upload the file instead");
  await page.getByTestId('bundle-path-upload').setInputFiles(saved);
  await expect(page.getByTestId('bundle-path-upload-status')).toHaveText(`uploaded ${fileName} (${readFileSync(saved).length} bytes)`);
  await page.getByTestId('bundle-verify').click();
  await expect(page.getByTestId('bundle-path-result')).toHaveAttribute('data-action', 'verified');
  await expect(page.getByTestId('bundle-path-result')).toContainText('Intact');
  await page.getByTestId('bundle-name').fill('Demo bundle');
  await page.getByTestId('bundle-import').click();
  await expect(page.getByTestId('bundle-path-result')).toHaveAttribute('data-action', 'imported');
  const row = page.getByTestId('review-workspace-row').filter({ hasText: 'Demo bundle' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('read-only');
  await expect(row).toContainText(`checksum ${checksum.slice(0, 12)}`);

  // One character of one mention changed: refused, plainly.
  doc.contents.mentions[0]!.text = `${doc.contents.mentions[0]!.text.slice(0, -1)}#`;
  const tampered = testInfo.outputPath('tampered.earshot-bundle');
  writeFileSync(tampered, gzipSync(Buffer.from(JSON.stringify(doc))));
  await page.getByTestId('bundle-path-upload').setInputFiles(tampered);
  await expect(page.getByTestId('bundle-path-upload-status')).toContainText('uploaded tampered.earshot-bundle');
  await page.getByTestId('bundle-import').click();
  await expect(page.getByTestId('bundle-path-error')).toContainText(
    `the bundle's contents do not match its checksum: it was altered after export (expected ${checksum}, found `,
  );
  await expect(page.getByTestId('review-workspace-row')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('bundles.png'), fullPage: true });
});

test('export a picked incident as its bundle', async ({ page, serve }, testInfo) => {
  test.setTimeout(180_000);
  const socket = await TestSocket.open(socketUrl(serve.url));
  let incident: { id: number; title: string } | undefined;
  try {
    await socket.call('demo.triggerEpisode', { sourceId: 'demo', kind: 'influencer-complaint' });
    await expect
      .poll(
        async () => {
          const frame = await socket.call('alerts.incidents', { limit: 10 });
          incident = (frame.result as { incidents: Array<{ id: number; title: string }> } | undefined)?.incidents[0];
          return incident?.id ?? 0;
        },
        { timeout: 120_000, intervals: [2_000] },
      )
      .toBeGreaterThan(0);
  } finally {
    socket.close();
  }
  await page.goto('/#/review');
  await page.getByTestId('review-incident').filter({ hasText: incident!.title }).getByTestId('review-incident-pick').click();
  await expect(page.getByTestId('bundle-panel')).toContainText(`The incident ${incident!.title}`);
  await page.getByTestId('bundle-export').click();
  const result = page.getByTestId('bundle-export-result');
  await expect(result).toHaveAttribute('data-file-name', new RegExp(`^incident-${incident!.id}-\\d{8}-\\d{4}\\.earshot-bundle$`));
  await expect(result.getByTestId('bundle-counts')).toContainText(/\d+ alerts?\b/);
  await expect(result.getByTestId('bundle-counts')).toContainText('1 incident ');
  await expect(result).toContainText(incident!.title);

  // Imported as a read-only workspace, its incident is reported from the copy.
  const download = page.waitForEvent('download');
  await result.getByTestId('bundle-download').click();
  const saved = testInfo.outputPath('incident.earshot-bundle');
  await (await download).saveAs(saved);
  await page.getByTestId('bundle-path-upload').setInputFiles(saved);
  await expect(page.getByTestId('bundle-path-upload-status')).toContainText('uploaded incident.earshot-bundle');
  await page.getByTestId('bundle-name').fill('Incident bundle');
  await page.getByTestId('bundle-import').click();
  await expect(page.getByTestId('bundle-path-result')).toHaveAttribute('data-action', 'imported');
  const check = await TestSocket.open(socketUrl(serve.url));
  let workspaceId: string;
  try {
    const frame = await check.call('review.workspaces.list', {});
    workspaceId = (frame.result as { workspaces: Array<{ id: string; name: string }> }).workspaces.find((w) => w.name === 'Incident bundle')!.id;
  } finally {
    check.close();
  }
  await page.goto('/#/report');
  await page.getByTestId('report-workspace').selectOption(workspaceId);
  await expect(page).toHaveURL(new RegExp(`#/report\\?ws=${workspaceId}$`));
  const listed = page.getByTestId('report-incident-link').filter({ hasText: incident!.title });
  await expect(listed).toHaveCount(1);
  await listed.click();
  await expect(page).toHaveURL(new RegExp(`ws=${workspaceId}&incident=${incident!.id}`));
  await expect(page.getByTestId('report-document')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('report-title')).toContainText(incident!.title);
});
