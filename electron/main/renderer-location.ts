/**
 * Where our page lives and which URLs count as "ours". Every trust decision of the shell (IPC
 * sender, navigation, network requests) goes through here. No `electron` import: unit-tested
 * under plain Node.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VIEWS, type ViewName } from '@shared/domain/layout';

export type RendererLocation =
  /** The built page: `out/renderer/index.html`, loaded with `loadFile`. */
  | { kind: 'file'; indexFile: string }
  /** `electron-vite dev`: the Vite dev server (never used in a packaged app). */
  | { kind: 'dev'; origin: string };

export function fileLocation(indexFile: string): RendererLocation {
  return { kind: 'file', indexFile: resolve(indexFile) };
}

/** Null when the URL is not a plain http(s) origin: a dev server elsewhere is not trusted. */
export function devLocation(url: string): RendererLocation | null {
  const parsed = parseUrl(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  return { kind: 'dev', origin: parsed.origin };
}

/** The address of a view; the page routes on the hash (`#/overview`). */
export function viewUrl(location: RendererLocation, view: ViewName, wall?: string | null): string {
  const base = location.kind === 'file' ? pathToFileURL(location.indexFile).href : `${location.origin}/`;
  return `${base}#/${viewHash(view, wall)}`;
}

/** `overview`, or `wall?display=lobby-tv` for a wall window showing one wall display. */
export function viewHash(view: ViewName, wall?: string | null): string {
  return wall ? `${view}?display=${encodeURIComponent(wall)}` : view;
}

/** True when the URL is our page itself (any hash), the only document allowed to use the pipe. */
export function isRendererPage(url: string, location: RendererLocation): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (location.kind === 'dev') {
    return parsed.origin === location.origin && (parsed.pathname === '/' || parsed.pathname === '/index.html');
  }
  if (parsed.protocol !== 'file:' || parsed.search !== '' || parsed.host !== '') return false;
  return samePath(fileURLToPath(parsed), location.indexFile);
}

/**
 * Requests a window may make: files of the built renderer, inline data, and in dev the dev
 * server (including its HMR socket). DevTools loads its own pages through devtools://.
 */
export function isAllowedRequest(url: string, location: RendererLocation): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case 'data:':
    case 'blob:':
    case 'devtools:':
    case 'chrome-devtools:':
      return true;
    case 'file:':
      return location.kind === 'file' && parsed.host === '' && isInside(fileURLToPath(parsed), rendererRoot(location.indexFile));
    case 'http:':
    case 'https:':
      return location.kind === 'dev' && parsed.origin === location.origin;
    case 'ws:':
    case 'wss:':
      return location.kind === 'dev' && parsed.host === new URL(location.origin).host;
    default:
      return false;
  }
}

/** Links in mentions open in the system browser; nothing else leaves the app. */
export function isExternalWebUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.username === '' && parsed.password === '';
}

/** The view a page URL shows (`…#/sources` → `sources`), or null for anything else. */
export function viewFromUrl(url: string): ViewName | null {
  const hash = parseUrl(url)?.hash ?? '';
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : null;
}

function rendererRoot(indexFile: string): string {
  return resolve(indexFile, '..');
}

function isInside(file: string, folder: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function samePath(a: string, b: string): boolean {
  const left = resolve(a);
  const right = resolve(b);
  // Windows paths are case-insensitive and file URLs may differ in drive-letter case.
  return process.platform === 'win32' ? left.toLowerCase() === right.toLowerCase() : left === right;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
