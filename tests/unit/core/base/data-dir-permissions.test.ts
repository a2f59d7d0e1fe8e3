/** The data folder is 0700 and every file in it 0600, including folders left loose by older versions. */
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { startCore } from '../../../../electron/core/app/start-core';
import { writePrivateFileAtomic } from '../../../../electron/core/base/private-files';
import { openStore } from '../../../../electron/core/store/store';
import { useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const posix = process.platform !== 'win32';
const mode = (path: string): number => statSync(path).mode & 0o777;

function everything(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? [join(dir, e.name), ...everything(join(dir, e.name))] : [join(dir, e.name)],
  );
}

describe.runIf(posix)('data folder permissions', () => {
  it('a new data folder, its database, WAL and shared-memory files are private from the start', async () => {
    const dataDir = join(tempDir(), 'fresh');
    const previous = process.umask(0o022);
    try {
      const core = await startCore({ dataDir, version: 'test', logger: createMemoryLogger(), demo: { enabled: false } });
      try {
        expect(mode(dataDir)).toBe(0o700);
        const names = readdirSync(dataDir);
        expect(names).toEqual(expect.arrayContaining(['earshot.db', 'earshot.db-wal', 'earshot.db-shm', 'earshot.lock']));
        for (const path of everything(dataDir)) expect([path, mode(path)]).toEqual([path, statSync(path).isDirectory() ? 0o700 : 0o600]);
      } finally {
        await core.stop();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('an existing loose folder (0755, files 0644, an exports folder) is tightened at start', async () => {
    const dataDir = tempDir();
    openStore(dataDir).close();
    mkdirSync(join(dataDir, 'exports'));
    writeFileSync(join(dataDir, 'exports', 'report-old.csv'), 'a,b\n');
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'exports'), 0o755);
    writeFileSync(join(dataDir, 'secrets.json'), '{"version":1,"sources":{}}\n');
    for (const path of everything(dataDir)) if (!statSync(path).isDirectory()) chmodSync(path, 0o644);
    const logger = createMemoryLogger();
    const core = await startCore({ dataDir, version: 'test', logger, demo: { enabled: false } });
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const path of everything(dataDir)) {
        // A secrets file others could read is left as found: the secret store refuses it and says to check who read it.
        const want = path.endsWith('secrets.json') ? 0o644 : statSync(path).isDirectory() ? 0o700 : 0o600;
        expect([path, mode(path)]).toEqual([path, want]);
      }
      expect(logger.lines.some((l) => l.includes('stored secrets are not used'))).toBe(true);
    } finally {
      await core.stop();
    }
  });

  it('a finished file is written whole through a temporary file, 0600, and never over an existing one', () => {
    const dir = tempDir();
    const path = join(dir, 'export.csv');
    writePrivateFileAtomic(path, 'x,y\n1,2\n');
    expect(mode(path)).toBe(0o600);
    expect(() => writePrivateFileAtomic(path, 'other')).toThrow(/already exists/);
    expect(readdirSync(dir)).toEqual(['export.csv']);
  });
});
