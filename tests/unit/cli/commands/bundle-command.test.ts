/**
 * `npm run bundle -- export|verify|import`: the command on real data folders (export while the
 * other Earshot keeps its folder open, import into a folder no Earshot holds, refused while one
 * does), and once through npm itself.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../../../electron/core/app/data-dir-lock';
import { runBundleCommand } from '../../../../electron/cli/commands/bundle-command';
import { countRows, useTempDirs } from '../../../support/core-helpers';
import { closeRoomsAfterEach, openRoom, readDoc, seed, T0, TABLE_OF, writeDoc } from '../../core/bundles/bundle-harness';

const tempDir = useTempDirs();
closeRoomsAfterEach();

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBundleCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env, appVersion: '1.2.3', now: () => T0 + 3_600_000 });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run bundle', () => {
  it(
    'exports an incident from a folder in use, verifies it, and imports it into another folder as a workspace the app opens',
    { timeout: 60_000 },
    async () => {
      const a = openRoom(tempDir());
      const { incidentId } = await seed(a);

      const exported = await run(['export', '--incident', String(incidentId), '--data-dir', a.dir]);
      expect(exported.err).toBe('');
      expect(exported.code).toBe(0);
      const file = /^Exported (.+\.earshot-bundle)$/m.exec(exported.out)?.[1];
      expect(file).toBeDefined();
      const doc = readDoc(file!);
      expect(doc.app).toEqual({ name: 'Earshot', version: '1.2.3' });
      expect(exported.out).toContain(`sha256 ${(doc.checksum as { value: string }).value}`);

      const verified = await run(['verify', file!]);
      expect(verified.code).toBe(0);
      expect(verified.out).toMatch(/^OK: .* is intact/);
      expect(verified.out).toContain(`mentions ${doc.contents.mentions!.length},`);

      // Into a folder no Earshot holds (EARSHOT_DATA_DIR picks it); then the app finds the workspace at start.
      const target = tempDir();
      const imported = await run(['import', file!, '--name', 'Outage review'], { EARSHOT_DATA_DIR: target });
      expect(imported.err).toBe('');
      expect(imported.code).toBe(0);
      const id = /\((bundle-[0-9a-f]+)\)/.exec(imported.out)?.[1];
      expect(id).toBeDefined();
      const c = openRoom(target);
      c.services.workspaces.restore();
      const info = c.services.workspaces.info(id!);
      expect(info).toMatchObject({ kind: 'bundle', name: 'Outage review', readOnly: true, checksum: (doc.checksum as { value: string }).value });
      const ws = c.services.workspaces.storeFor(id!);
      for (const kind of ['mentions', 'alerts', 'annotations', 'careReplies'] as const) expect(countRows(ws, TABLE_OF[kind])).toBe(doc.contents[kind]!.length);
      // A second import adds a second workspace; the first stays listed.
      c.services.workspaces.closeAll();
      c.store.close();
      const second = await run(['import', file!], { EARSHOT_DATA_DIR: target });
      expect(second.code).toBe(0);
      const d = openRoom(target);
      d.services.workspaces.restore();
      expect(d.services.workspaces.list().filter((w) => w.kind === 'bundle')).toHaveLength(2);
    },
  );

  it('refuses an altered file, bad usage, and an import into a folder Earshot holds', { timeout: 60_000 }, async () => {
    const a = openRoom(tempDir());
    const { incidentId } = await seed(a);
    const exported = await run(['export', '--incident', String(incidentId), '--data-dir', a.dir]);
    const file = /^Exported (.+)$/m.exec(exported.out)![1]!;
    const doc = readDoc(file);
    doc.contents.annotations![0]!.text = 'Statement going out at 10:06';
    const altered = join(tempDir(), 'altered.earshot-bundle');
    writeDoc(altered, doc);
    const refused = await run(['verify', altered]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^bundle: the bundle's contents do not match its checksum: it was altered after export \(expected [0-9a-f]{64}, found [0-9a-f]{64}\)$/,
    );

    expect((await run(['export', '--data-dir', a.dir])).err).toMatch(/export needs --incident <id>, or --from and --to/);
    expect((await run(['export', '--from', 'yesterday', '--to', '2026-11-18T11:00Z', '--data-dir', a.dir])).err).toMatch(/--from must be an ISO 8601 time/);
    expect((await run(['frobnicate'])).code).toBe(2);

    const held = tempDir();
    const lock = lockDataDir(held);
    try {
      const busy = await run(['import', file, '--data-dir', held]);
      expect(busy.code).toBe(2);
      expect(busy.err).toMatch(/Earshot is running on the data folder .* Quit it first, or import from the Review view/);
    } finally {
      lock.release();
    }
  });

  it('runs as an npm script', { timeout: 120_000 }, async () => {
    const a = openRoom(tempDir());
    await seed(a);
    const period = await run(['export', '--from', new Date(T0 - 600_000).toISOString(), '--to', String(T0 + 600_000), '--data-dir', a.dir]);
    const file = /^Exported (.+)$/m.exec(period.out)![1]!;
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'bundle', '--', 'verify', file], { cwd: join(__dirname, '../../../..') });
    expect(stdout).toContain('is intact');
    expect(stdout).toContain(`sha256 ${(readDoc(file).checksum as { value: string }).value}`);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
