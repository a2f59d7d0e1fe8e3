/**
 * A genuinely full disk: the data folder lives on a small tmpfs mounted for this test (root only;
 * skipped with a printed line where mounting is not allowed) and a filler file takes the rest of
 * its space. The webhook receiver answers 503 with Retry-After, health says degraded and why, an
 * export fails plainly and leaves no file behind; once space is freed, all of it recovers.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '@shared/contract/frames';
import type { Core } from '../../../../electron/core/app/core-api';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { startCore } from '../../../../electron/core/app/start-core';
import { postSigned, webhookMention } from '../sources/support/webhook-client';
import { waitFor } from '../../../support/core-helpers';
import { LOCAL_OWNER } from '../../../support/local-owner';

const SECRET = 'collector-shared-secret-0123456789';
const mountPoint = join(tmpdir(), `earshot-full-disk-${process.pid}`);
let mounted = false;

beforeAll(() => {
  mkdirSync(mountPoint, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=100m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    mounted = true;
  } catch {
    console.log('SKIPPED the full-disk test: mounting a small tmpfs needs root (mount -t tmpfs) and is not allowed here');
  }
});

afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
  rmSync(mountPoint, { recursive: true, force: true });
});

/** Writes zeros until the file system refuses (ENOSPC). */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // Whatever is left (smaller than a chunk) goes too.
  const fd2 = openSync(`${file}.tail`, 'w');
  try {
    for (;;) writeSync(fd2, Buffer.alloc(512));
  } catch {
    // Full.
  } finally {
    closeSync(fd2);
  }
}

async function call(core: Core, method: string, params: unknown): Promise<Extract<ServerFrame, { t: 'res' }>> {
  const frames: ServerFrame[] = [];
  const session = core.openSession((f) => frames.push(JSON.parse(f) as ServerFrame), LOCAL_OWNER);
  session.receive(JSON.stringify({ t: 'req', id: 1, method, params }));
  try {
    return await waitFor(`the answer to ${method}`, () => frames.find((f): f is Extract<ServerFrame, { t: 'res' }> => f.t === 'res' && f.id === 1), 20_000);
  } finally {
    session.close();
  }
}

describe('a full disk', () => {
  it('webhook answers 503 with Retry-After, health is degraded with the reason, exports leave no file', async (ctx) => {
    if (!mounted) return ctx.skip();
    const dataDir = join(mountPoint, 'data');
    const port = await freePort();
    const core = await startCore({ dataDir, version: 'test', logger: createMemoryLogger(), demo: { enabled: false }, webhook: { host: '127.0.0.1', port } });
    const filler = join(mountPoint, 'filler');
    try {
      const created = await call(core, 'sources.create', { kind: 'webhook', name: 'Collector', settings: { secret: SECRET } });
      if (!created.ok) throw new Error(created.error.message);
      const sourceId = (created.result as { source: { id: string } }).source.id;
      const base = `http://127.0.0.1:${port}/hooks/${sourceId}`;
      // The listener opens once the first webhook source exists.
      let first: { status: number } | null = null;
      for (let tries = 0; first === null && tries < 100; tries++) {
        first = await postSigned(base, SECRET, JSON.stringify({ mentions: [webhookMention('before-full')] })).catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          return null;
        });
      }
      expect(first?.status).toBe(200);
      expect(core.health().status).toBe('ok');

      fillDisk(filler);
      // A batch big enough that SQLite must grow its WAL (a page or two could still fit in free blocks).
      const batch = Array.from({ length: 200 }, (_, i) => webhookMention(`while-full-${i}`, { text: `${'x'.repeat(2000)} ${i}` }));
      const refused = await fetch(base, {
        method: 'POST',
        headers: signedHeaders(JSON.stringify({ mentions: batch })),
        body: JSON.stringify({ mentions: batch }),
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('60');
      const health = core.health();
      expect(health.status).toBe('degraded');
      expect(health.reasons?.join(' ')).toMatch(/disk holding .* is full/);

      const exportsBefore = safeList(join(dataDir, 'exports'));
      const exported = await call(core, 'reports.exportCsv', { from: Date.now() - 3_600_000, to: Date.now() });
      expect(exported.ok).toBe(false);
      expect(exported.ok ? '' : exported.error.message).toMatch(/full|ENOSPC/);
      expect(safeList(join(dataDir, 'exports'))).toEqual(exportsBefore);

      unlinkSync(filler);
      unlinkSync(`${filler}.tail`);
      const after = await postSigned(base, SECRET, JSON.stringify({ mentions: [webhookMention('after-space-freed')] }));
      expect(after.status).toBe(200);
      expect(core.health().reasons ?? []).not.toContainEqual(expect.stringMatching(/full/));
    } finally {
      await core.stop();
    }
  });
});

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function signedHeaders(body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'Content-Type': 'application/json',
    'X-Earshot-Timestamp': timestamp,
    'X-Earshot-Signature': `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`,
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
