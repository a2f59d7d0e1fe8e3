/**
 * `GET /exports/<file name>`: downloads a report export (CSV, PDF) from `<data folder>/exports/`.
 * Only names the core generated (`earshot-report-….csv|pdf`) are served, as attachments; a request
 * another site's page makes (Sec-Fetch-Site: cross-site, or a foreign Origin) is refused.
 */
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from './security-headers';
import { streamFileBody } from './stream-file';

export const EXPORTS_PREFIX = '/exports/';

const TYPES: Readonly<Record<string, string>> = { csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' };

export async function serveExport(exportPath: (fileName: string) => string | null, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  if (!sameOrigin(req)) {
    sendText(res, 403, 'Forbidden\n');
    return;
  }
  const fileName = path.slice(EXPORTS_PREFIX.length);
  // No decoding: a generated name never needs it, so anything encoded is simply not one of ours.
  const file = exportPath(fileName);
  if (file === null) {
    sendText(res, 404, 'Not Found\n');
    return;
  }
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    sendText(res, 404, 'Not Found\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[fileName.slice(fileName.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  });
  await streamFileBody(req, res, file);
}

function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
