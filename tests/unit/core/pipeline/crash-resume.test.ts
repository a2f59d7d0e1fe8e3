/**
 * The kill -9 tests: the real core runs in a child process against a local Jetstream-format server
 * (and, separately, a webhook sender); it is SIGKILLed while ingesting, restarted on the same data
 * folder, and the stored external ids are compared with what was served: no duplicates, no gaps.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices } from '../../../../electron/core/app/services';
import { JETSTREAM_REWIND_US } from '../../../../electron/core/sources/jetstream/jetstream-source';
import { openStore } from '../../../../electron/core/store/store';
import { sleep, useTempDirs, waitFor } from '../../../support/core-helpers';
import { buildJetstreamEvents, startJetstreamServer, wantedUris } from '../sources/support/jetstream-server';
import { postSigned, webhookMention } from '../sources/support/webhook-client';
import { allowLocalServers } from '../../../support/outbound';

const CHILD = join(__dirname, '../sources/support/core-child.ts');
const SECRET = 'crash-test-shared-secret-0123456789';
const tempDir = useTempDirs();
const children = new Set<ChildProcess>();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startChild(dataDir: string, webhookPort = 0): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, CHILD_DATA_DIR: dataDir, CHILD_WEBHOOK_PORT: String(webhookPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('CHILD_READY')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`core child exited with ${code} before it was ready: ${stderr}`)));
  });
  return child;
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
  children.delete(child);
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  children.delete(child);
}

/** Reads the database the child is writing, read-only, like a second process would. */
function peek<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'earshot.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const storedIds = (dataDir: string, sourceId: string): string[] =>
  peek(dataDir, (db) => db.prepare('SELECT external_id FROM mentions WHERE source_id = ?').pluck().all(sourceId) as string[]);
const storedCount = (dataDir: string, sourceId: string): number =>
  peek(dataDir, (db) => db.prepare('SELECT COUNT(*) FROM mentions WHERE source_id = ?').pluck().get(sourceId) as number);

/** Creates a source the way the settings screen does (secrets to the secret store), then closes the folder. */
function createSource(dataDir: string, kind: string, settings: Record<string, unknown>): string {
  const store = openStore(dataDir);
  try {
    // The local platform servers are allowed the way an admin allows an on-premises host.
    allowLocalServers(store);
    const services = buildServices(store, createMemoryLogger());
    const created = services.sources.create({ kind, name: `crash ${kind}`, settings, intervalMs: 1_000 });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    return created.source.id;
  } finally {
    store.close();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('kill -9 in the middle of ingesting', () => {
  it('Jetstream: a restarted core resumes from the committed cursor; stored ids equal served ids exactly', async () => {
    // 10 ms apart, so the 5 s rewind on resume re-reads 500 events, not the whole sequence.
    const events = buildJetstreamEvents(4_000, { stepUs: 10_000 });
    const expected = wantedUris(events);
    const server = await startJetstreamServer(events, { chunk: 10, tickMs: 10 });
    cleanups.push(() => server.close());
    const dataDir = tempDir();
    const sourceId = createSource(dataDir, 'jetstream', { endpoint: server.url, keywords: ['kestrel'] });

    const first = await startChild(dataDir);
    await waitFor('some posts stored', () => storedCount(dataDir, sourceId) >= 300, 30_000);
    await kill9(first);
    const atKill = storedCount(dataDir, sourceId);
    const committed = peek(dataDir, (db) => db.prepare('SELECT cursor FROM sources WHERE id = ?').pluck().get(sourceId) as string);
    // Killed mid-stream: some but not all posts are in, and the server had more to send.
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(expected.length);
    expect(server.sent.length).toBeLessThan(events.length);

    const second = await startChild(dataDir);
    await waitFor('every wanted post stored', () => storedCount(dataDir, sourceId) >= expected.length, 60_000);
    await sleep(1_500); // a poll or two more: anything extra would show up as a difference below
    await stopChild(second);

    const ids = storedIds(dataDir, sourceId);
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual([...expected].sort());
    // The restart asked Jetstream to replay from 5 s before the cursor committed before the kill.
    const resumed = server.connections.at(-1)!;
    expect(resumed.get('cursor')).toBe(String(Number(committed) - JETSTREAM_REWIND_US));
    expect(peek(dataDir, (db) => db.prepare('SELECT cursor FROM sources WHERE id = ?').pluck().get(sourceId))).toBe(String(events.at(-1)!.time_us));
  }, 120_000);

  it('webhook: a sender that retries after the crash leaves every mention stored exactly once', async () => {
    const port = await freePort();
    const dataDir = tempDir();
    const sourceId = createSource(dataDir, 'webhook', { secret: SECRET });
    const url = `http://127.0.0.1:${port}/hooks/${sourceId}`;
    const batches = Array.from({ length: 12 }, (_, b) => Array.from({ length: 250 }, (_, i) => webhookMention(`m${b}-${i}`)));
    const all = batches.flat().map((m) => String(m.id));

    const first = await startChild(dataDir, port);
    for (let b = 0; b < 5; b++) expect((await postSigned(url, SECRET, JSON.stringify({ mentions: batches[b] }))).json).toMatchObject({ stored: 250 });
    // Batch 5 is in flight when the process dies: the sender cannot know whether it was stored.
    const inFlight = postSigned(url, SECRET, JSON.stringify({ mentions: batches[5] })).then(
      (r) => `answered ${r.status}`,
      (error: Error) => `failed: ${error.message}`,
    );
    await sleep(15);
    await kill9(first);
    const outcome = await inFlight;
    const atKill = storedCount(dataDir, sourceId);
    expect([1_250, 1_500]).toContain(atKill); // all of batch 5 or none of it: one transaction
    expect(outcome).toMatch(/answered 200|failed/);

    await startChild(dataDir, port);
    // The sender retries everything it is unsure of (batch 5), and batch 4 again for good measure.
    const retried4 = await postSigned(url, SECRET, JSON.stringify({ mentions: batches[4] }));
    expect(retried4.json).toMatchObject({ stored: 0, duplicates: 250 });
    const retried5 = await postSigned(url, SECRET, JSON.stringify({ mentions: batches[5] }));
    expect((retried5.json.stored as number) + (retried5.json.duplicates as number)).toBe(250);
    expect(retried5.json.stored).toBe(atKill === 1_250 ? 250 : 0);
    for (let b = 6; b < batches.length; b++)
      expect((await postSigned(url, SECRET, JSON.stringify({ mentions: batches[b] }))).json).toMatchObject({ stored: 250 });

    const ids = storedIds(dataDir, sourceId);
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual([...all].sort());
  }, 120_000);
});
