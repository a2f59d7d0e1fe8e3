/** Which Chromium serve mode prints with, and what it says it tried when there is none. */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { findChromium } from '../../../../electron/core/reports/pdf-renderer';

const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

describe('findChromium', () => {
  it("prefers Playwright's own, then $CHROMIUM_PATH, then /usr/bin/chromium, naming each it passed over", () => {
    process.env.CHROMIUM_PATH = process.execPath; // any file that exists
    expect(findChromium('/nowhere/playwright/chrome')).toEqual({
      path: process.execPath,
      tried: ["Playwright's own Chromium (/nowhere/playwright/chrome: not found)"],
    });
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    const found = findChromium(null);
    expect(found.tried.slice(0, 2)).toEqual(["Playwright's own Chromium (not set)", '$CHROMIUM_PATH (/nowhere/chromium: not found)']);
    if (existsSync('/usr/bin/chromium')) expect(found.path).toBe('/usr/bin/chromium');
    else expect(found).toEqual({ path: null, tried: expect.arrayContaining(['/usr/bin/chromium (/usr/bin/chromium: not found)']) as unknown });
  });
});
