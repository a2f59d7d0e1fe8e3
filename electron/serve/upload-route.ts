/**
 * `POST /api/uploads?name=<file name>`: a signed-in admin's file for an import source or an incident
 * bundle, streamed to `<data folder>/uploads/<id>/` with a size cap. The answer names it as
 * `upload:<id>`, which is what the call then takes in place of a path on the hub.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { roleAllows } from '@shared/contract/access';
import type { Core } from '../core/app/core-api';
import { UPLOAD_PREFIX } from '../core/people/server-paths';
import { requestCaller, sendJson } from './auth-routes';

export const UPLOAD_PATH = '/api/uploads';
export const DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export async function handleUpload(core: Core, req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'POST a file' }, { Allow: 'POST' });
    return;
  }
  const caller = requestCaller(core, req);
  if (caller === null || caller.kind !== 'person') {
    sendJson(res, 401, { error: 'sign in to upload' });
    return;
  }
  // Imports and bundles are admin work (sources, workspaces).
  if (!roleAllows(caller.role, 'admin')) {
    sendJson(res, 403, { error: `uploads need the admin role; you are signed in as ${caller.name} (${caller.role})` });
    return;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && new URL(origin).host !== req.headers.host) {
    sendJson(res, 403, { error: 'cross-site request refused' });
    return;
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    sendJson(res, 413, { error: `the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` });
    return;
  }
  const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? 'upload';
  const target = core.auth.newUpload(name);
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) done(new Error('too large'));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(req, cap, createWriteStream(target.file, { flags: 'wx', mode: 0o600 }));
  } catch {
    await rm(dirname(target.file), { recursive: true, force: true });
    if (!res.headersSent)
      sendJson(res, bytes > maxBytes ? 413 : 400, {
        error: bytes > maxBytes ? `the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` : 'the upload broke off',
      });
    return;
  }
  sendJson(res, 200, { path: `${UPLOAD_PREFIX}${target.id}`, name, bytes });
}
