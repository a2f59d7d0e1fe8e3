/**
 * Serves the built renderer (`out/renderer`). Only files under that folder are reachable: the
 * request path is decoded, resolved and checked against the folder, so `..` in any spelling
 * (raw, percent-encoded, backslashes) cannot climb out.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { sendText } from './security-headers';
import { streamFileBody } from './stream-file';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Vite puts content-hashed bundles under /assets/: their URL changes whenever they do. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createStaticHandler(rootDir: string): StaticHandler {
  const root = resolve(rootDir);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const file = resolveRequestPath(root, req.url ?? '/');
    if (file === 'bad-request') {
      sendText(res, 400, 'Bad Request\n');
      return;
    }
    if (file === null) {
      sendText(res, 404, 'Not Found\n');
      return;
    }
    let info: Stats;
    try {
      info = await stat(file);
    } catch {
      sendText(res, 404, 'Not Found\n');
      return;
    }
    if (!info.isFile()) {
      sendText(res, 404, 'Not Found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(info.size),
      'Cache-Control': file.startsWith(root + sep + 'assets' + sep) ? IMMUTABLE : 'no-cache',
      'Last-Modified': info.mtime.toUTCString(),
    });
    await streamFileBody(req, res, file);
  };
}

/**
 * The file a request path names inside `root`, `null` when it names nothing there (including any
 * attempt to leave it), or 'bad-request' for malformed paths.
 */
export function resolveRequestPath(root: string, rawUrl: string): string | null | 'bad-request' {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return 'bad-request';
  }
  if (!path.startsWith('/') || path.includes('\0')) return 'bad-request';
  if (path.endsWith('/')) path += 'index.html';
  // Backslashes are separators on Windows; treat them as such everywhere so the check below
  // sees the same path the file system would.
  const candidate = resolve(root, '.' + path.replace(/\\/g, '/'));
  if (!candidate.startsWith(root + sep)) return null;
  return candidate;
}
