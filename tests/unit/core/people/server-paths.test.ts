/**
 * No server paths from the network: a signed-in person (even an admin) names only uploads; the
 * local owner names paths inside the allowed folders only. What the probe did (an import of
 * /etc/passwd, a bundle check telling whether a path exists) is refused before any file is read.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_OWNER } from '../../../support/local-owner';
import { useTempDirs } from '../../../support/core-helpers';
import { Conn, startWorld, type AccessWorld } from './access-harness';

const tempDir = useTempDirs();
let world: AccessWorld | null = null;
afterEach(async () => {
  await world?.core.stop();
  world = null;
});

const importSettings = (file: string) => ({ file, format: 'csv', mapping: 'text=text,id=id' });

describe('paths on the hub', () => {
  it('refuses every call that names a hub path from a signed-in admin', async () => {
    const w = (world = await startWorld(tempDir()));
    const refusals = [
      await w.admin.send('sources.test', { kind: 'import', settings: importSettings('/etc/passwd') }),
      await w.admin.send('sources.create', { kind: 'import', name: 'passwd', settings: importSettings('/etc/passwd') }),
      await w.admin.send('bundles.verify', { path: '/etc/passwd' }),
      await w.admin.send('bundles.import', { path: '/etc/passwd' }),
      await w.admin.send('review.workspaces.openFolder', { path: '/etc' }),
    ];
    expect(refusals.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
    expect(refusals[0]!.ok ? '' : refusals[0]!.error.message).toBe(
      "sources.test settings.file names a path on the hub; only the hub's own window may do that. Upload the file instead",
    );
    expect(w.core.health().sources.map((s) => s.name)).not.toContain('passwd');
  });

  it('lets the local owner name paths only inside the allowed folders', async () => {
    const w = (world = await startWorld(tempDir()));
    const owner = new Conn(w.core, LOCAL_OWNER);
    const outside = await owner.send('bundles.verify', { path: '/etc/passwd' });
    expect(outside.ok ? 'ok' : outside.error.message).toMatch(/^bundles\.verify path: \/etc\/passwd is outside the folders the owner allowed/);
    const inside = tempDir();
    writeFileSync(`${inside}/not-a-bundle.earshot-bundle`, 'plain text');
    const allowed = await owner.send('bundles.verify', { path: `${inside}/not-a-bundle.earshot-bundle` });
    // Read and judged (not a bundle), not refused for where it is.
    expect(allowed.ok ? 'ok' : allowed.error.code).toBe('bad-params');
  });

  it('reads an upload named by its id, and nothing else under uploads', async () => {
    const w = (world = await startWorld(tempDir()));
    const upload = w.core.auth.newUpload('../../mentions.csv');
    expect(upload.file.endsWith('/mentions.csv')).toBe(true);
    writeFileSync(upload.file, 'id,text\n1,hello from an upload\n');
    const tested = await w.admin.send('sources.test', { kind: 'import', settings: importSettings(`upload:${upload.id}`) });
    expect(tested.ok, tested.ok ? '' : tested.error.message).toBe(true);
    expect(JSON.stringify(tested.ok ? tested.result : null)).toContain('hello from an upload');
    const unknown = await w.admin.send('bundles.verify', { path: 'upload:0123456789abcdef0123456789abcdef' });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('not-found');
    const traversal = await w.admin.send('bundles.verify', { path: 'upload:../../earshot.db' });
    expect(traversal.ok ? 'ok' : traversal.error.code).toBe('bad-params');
  });
});
