import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { devLocation, fileLocation, isAllowedRequest, isExternalWebUrl, isRendererPage, viewFromUrl, viewUrl } from '../../../electron/main/renderer-location';

const outDir = resolve('/opt/earshot/out');
const indexFile = join(outDir, 'renderer', 'index.html');
const file = fileLocation(indexFile);
const indexUrl = pathToFileURL(indexFile).href;
const dev = devLocation('http://localhost:5173')!;

describe('isRendererPage (who may use the frame pipe)', () => {
  it('accepts our built page with any view', () => {
    expect(isRendererPage(indexUrl, file)).toBe(true);
    expect(isRendererPage(`${indexUrl}#/sources`, file)).toBe(true);
    expect(isRendererPage(viewUrl(file, 'overview'), file)).toBe(true);
  });

  it('refuses other files, queries, remote hosts and look-alikes', () => {
    expect(isRendererPage(pathToFileURL(join(outDir, 'renderer', 'other.html')).href, file)).toBe(false);
    expect(isRendererPage(pathToFileURL(join(outDir, 'renderer', 'assets', 'index.html')).href, file)).toBe(false);
    expect(isRendererPage(`${indexUrl}?x=1`, file)).toBe(false);
    expect(isRendererPage('file://evil.example/opt/earshot/out/renderer/index.html', file)).toBe(false);
    expect(isRendererPage('https://example.com/index.html', file)).toBe(false);
    expect(isRendererPage('about:blank', file)).toBe(false);
    expect(isRendererPage('not a url', file)).toBe(false);
  });

  it('in dev, accepts only the dev server page', () => {
    expect(isRendererPage('http://localhost:5173/#/overview', dev)).toBe(true);
    expect(isRendererPage('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isRendererPage('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererPage('http://localhost:5173/evil.html', dev)).toBe(false);
    expect(isRendererPage(indexUrl, dev)).toBe(false);
  });

  it('does not trust a dev server URL that is not http(s)', () => {
    expect(devLocation('file:///tmp/index.html')).toBeNull();
    expect(devLocation('javascript:alert(1)')).toBeNull();
    expect(devLocation('garbage')).toBeNull();
  });
});

describe('isAllowedRequest (no remote content)', () => {
  it('allows files of the built renderer, data: and DevTools', () => {
    expect(isAllowedRequest(pathToFileURL(join(outDir, 'renderer', 'assets', 'index-abc.js')).href, file)).toBe(true);
    expect(isAllowedRequest(indexUrl, file)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', file)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', file)).toBe(true);
  });

  it('blocks the network and files outside the renderer', () => {
    expect(isAllowedRequest('https://pbs.twimg.com/profile.jpg', file)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:4870/api', file)).toBe(false);
    expect(isAllowedRequest('ws://127.0.0.1:4870/ws', file)).toBe(false);
    expect(isAllowedRequest(pathToFileURL('/etc/passwd').href, file)).toBe(false);
    expect(isAllowedRequest(pathToFileURL(join(outDir, 'main', 'index.js')).href, file)).toBe(false);
    expect(isAllowedRequest(`${pathToFileURL(join(outDir, 'renderer')).href}/../main/index.js`, file)).toBe(false);
    expect(isAllowedRequest('ftp://example.com/x', file)).toBe(false);
  });

  it('in dev, allows the dev server and its hot-reload socket only', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isAllowedRequest('https://cdn.example.com/x.js', dev)).toBe(false);
    expect(isAllowedRequest('ws://localhost:9999/', dev)).toBe(false);
    expect(isAllowedRequest(indexUrl, dev)).toBe(false);
  });
});

describe('isExternalWebUrl (links opened in the system browser)', () => {
  it('opens plain http(s) links only', () => {
    expect(isExternalWebUrl('https://x.com/someone/status/1')).toBe(true);
    expect(isExternalWebUrl('http://example.com')).toBe(true);
    expect(isExternalWebUrl('file:///etc/passwd')).toBe(false);
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false);
    expect(isExternalWebUrl('smb://server/share')).toBe(false);
    expect(isExternalWebUrl('https://user:pass@example.com')).toBe(false);
  });
});

describe('viewFromUrl', () => {
  it('reads the view from the hash', () => {
    expect(viewFromUrl(`${indexUrl}#/sources`)).toBe('sources');
    expect(viewFromUrl(`${indexUrl}#/overview?x=1`)).toBe('overview');
    expect(viewFromUrl(`${indexUrl}#overview`)).toBe('overview');
    expect(viewFromUrl(`${indexUrl}#/settings`)).toBeNull();
    expect(viewFromUrl(indexUrl)).toBeNull();
  });
});
