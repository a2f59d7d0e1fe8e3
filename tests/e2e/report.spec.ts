/**
 * Incident reports end to end against a real serve-mode core: a demo outage raises an alert and
 * an incident; its report view shows the incident; "Export PDF" prints the view through headless
 * Chromium (the app's own call) and the browser downloads it; page 1 turned into pixels with
 * pdftoppm is not blank and its chart is coloured; the PDF's text names the incident. The CSV of
 * the underlying mentions downloads through the HTTP route with its header and every row.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import { socketUrl, TestSocket } from './support/ws-client';

const INCIDENT_TIMEOUT_MS = 120_000;

async function call<T>(socket: TestSocket, method: string, params: unknown, timeoutMs = 10_000): Promise<T> {
  const frame = await socket.call(method, params, timeoutMs);
  if (!frame.ok) throw new Error(`${method}: ${frame.error?.message ?? 'failed'}`);
  return frame.result as T;
}

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** A binary PPM (P6) as width, height and RGB bytes. */
function readPpm(file: string): { width: number; height: number; rgb: Buffer } {
  const data = readFileSync(file);
  const header: string[] = [];
  let offset = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(data[offset]!))) offset += 1;
    if (data[offset] === 0x23) {
      while (data[offset] !== 0x0a) offset += 1;
      continue;
    }
    let token = '';
    while (!/\s/.test(String.fromCharCode(data[offset]!))) token += String.fromCharCode(data[offset++]!);
    header.push(token);
  }
  offset += 1;
  expect(header[0]).toBe('P6');
  return { width: Number(header[1]), height: Number(header[2]), rgb: data.subarray(offset) };
}

test('an incident report renders to a PDF that is not blank, and its mentions download as CSV', async ({ page, serve }, testInfo) => {
  test.setTimeout(240_000);
  const socket = await TestSocket.open(socketUrl(serve.url));
  try {
    let incident: { id: number; title: string } | undefined;
    await test.step('a demo outage raises an incident', async () => {
      await call(socket, 'demo.triggerEpisode', { sourceId: 'demo', kind: 'outage' });
      await expect
        .poll(
          async () => {
            incident = (await call<{ incidents: Array<{ id: number; title: string }> }>(socket, 'alerts.incidents', { limit: 10 })).incidents[0];
            return incident?.id ?? 0;
          },
          { timeout: INCIDENT_TIMEOUT_MS, intervals: [2_000] },
        )
        .toBeGreaterThan(0);
    });
    const { id, title } = incident!;

    await test.step('the report view shows the incident with its chart', async () => {
      await page.goto(`/#/report?incident=${id}&ws=live`);
      await expect(page.getByTestId('report-title')).toHaveText(title);
      await expect(page.locator('body')).toHaveAttribute('data-report-ready', 'true');
      await expect(page.getByTestId('report-chart').locator('svg').first()).toBeVisible();
      expect(Number(await page.getByTestId('report-total').textContent())).toBeGreaterThan(0);
      await expect(page.getByTestId('report-timeline-row').first()).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath('report-view.png'), fullPage: true });
    });

    const pdfFile = testInfo.outputPath('report.pdf');
    await test.step('Export PDF prints the report and the browser downloads it', async () => {
      const download = page.waitForEvent('download', { timeout: 90_000 });
      await page.getByTestId('report-export-pdf').click();
      await expect(page.getByTestId('report-export-done')).toBeVisible({ timeout: 90_000 });
      const file = await download;
      expect(file.suggestedFilename()).toMatch(new RegExp(`^earshot-report-incident-${id}-\\d{8}-\\d{6}-[0-9a-f]{6}\\.pdf$`));
      await file.saveAs(pdfFile);
      expect(readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });

    await test.step('page 1 of the PDF is not blank, its chart is coloured, and its text names the incident', async () => {
      if (!hasTool('pdftoppm') || !hasTool('pdftotext')) {
        console.log('SKIPPED: pdftoppm/pdftotext (poppler-utils) not installed; the PDF pixels and text were not checked');
        return;
      }
      const prefix = testInfo.outputPath('report-page');
      execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
      execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-singlefile', '-png', pdfFile, prefix]);
      const { width, height, rgb } = readPpm(`${prefix}.ppm`);
      expect(width).toBeGreaterThan(300);
      let nonWhite = 0;
      let colouredInChartBand = 0;
      for (let y = 0; y < height; y += 1) {
        for (let x = 0; x < width; x += 1) {
          const i = (y * width + x) * 3;
          const r = rgb[i]!;
          const g = rgb[i + 1]!;
          const b = rgb[i + 2]!;
          if (r < 245 || g < 245 || b < 245) nonWhite += 1;
          // The volume chart sits in the middle of page 1: red/teal/grey areas, red alert lines.
          if (y > height * 0.25 && y < height * 0.8 && Math.max(r, g, b) - Math.min(r, g, b) > 80) colouredInChartBand += 1;
        }
      }
      const share = nonWhite / (width * height);
      console.log(`report PDF page 1: ${width}×${height} px, ${(share * 100).toFixed(1)}% not white, ${colouredInChartBand} coloured pixels in the chart band`);
      expect(share).toBeGreaterThan(0.03);
      expect(colouredInChartBand).toBeGreaterThan(500);
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfFile, '-'], { encoding: 'utf8' });
      expect(text).toContain(title);
      const pages = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' })
        .split('\f')
        .filter((p) => p.trim() !== '');
      expect(pages.length).toBeGreaterThanOrEqual(4);
    });

    await test.step('the CSV of the mentions downloads through the HTTP route', async () => {
      const exported = await call<{ fileName: string; rows: number; bytes: number; downloadPath: string }>(socket, 'reports.exportCsv', { incidentId: id });
      expect(exported.rows).toBeGreaterThan(0);
      // Downloads need a sign-in.
      expect((await fetch(new URL(exported.downloadPath, serve.url))).status).toBe(401);
      const signedIn = { Cookie: serve.owner.cookie };
      const response = await fetch(new URL(exported.downloadPath, serve.url), { headers: signedIn });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${exported.fileName}"`);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBe(exported.bytes);
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.subarray(3).toString('utf8');
      expect(text.split('\r\n')[0]).toBe(
        'mention_id,published_at_utc,heard_at_utc,platform,source_id,external_id,author_handle,author_name,author_followers,author_verified,sentiment,sentiment_score,clout,urgency,intents,topics,language,likes,reposts,replies,url,text',
      );
      // Rows may hold line breaks inside quotes: count records by their leading mention id.
      const records = text
        .split('\r\n')
        .slice(1)
        .filter((line) => /^\d+,\d{4}-\d\d-\d\dT/.test(line));
      expect(records).toHaveLength(exported.rows);
      // Names the core did not generate, and other sites' requests, are refused.
      expect((await fetch(new URL('/exports/earshot.db', serve.url), { headers: signedIn })).status).toBe(404);
      expect((await fetch(new URL('/exports/..%2Fearshot.db', serve.url), { headers: signedIn })).status).toBe(404);
      expect((await fetch(new URL(exported.downloadPath, serve.url), { headers: { ...signedIn, 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    });
  } finally {
    socket.close();
  }
});
