/**
 * The systemd unit shipped for running a war room's hub unattended
 * (resources/systemd/earshot-hub.service): systemd accepts it, it is hardened, and the command
 * it runs exists in this project.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const unitPath = join(root, 'resources/systemd/earshot-hub.service');
const unitText = readFileSync(unitPath, 'utf8');

/** `Key=value` lines of one section; keys may repeat (Environment=). */
function section(name: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  let current = '';
  for (const raw of unitText.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = header[1]!;
      continue;
    }
    const eq = line.indexOf('=');
    if (current === name && eq > 0) entries.push([line.slice(0, eq), line.slice(eq + 1)]);
  }
  return entries;
}

const service = section('Service');
const value = (key: string): string | undefined => service.find(([k]) => k === key)?.[1];
const environment = new Map(service.filter(([k]) => k === 'Environment').map(([, v]) => v.split('=', 2) as [string, string]));

describe('the hub service unit', () => {
  it('is accepted by systemd-analyze verify without warnings', () => {
    const probe = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (probe.error) {
      console.log('skipped: systemd-analyze is not installed here; the unit was checked by the other tests only');
      return;
    }
    const result = spawnSync('systemd-analyze', ['verify', unitPath], { encoding: 'utf8' });
    const complaints = `${result.stdout}\n${result.stderr}`
      .split('\n')
      .filter((line) => line.includes(unitPath) || /unknown|ignoring|invalid|not executable/i.test(line));
    expect(complaints).toEqual([]);
    expect(result.status).toBe(0);
  });

  it('runs `npm run serve` from the installed project, without building at start', () => {
    const exec = value('ExecStart') ?? '';
    expect(exec).toMatch(/^\/usr\/bin\/env npm run serve -- --no-build$/);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const serve = manifest.scripts.serve ?? '';
    expect(serve).toMatch(/^node (\S+) --serve$/);
    const script = /^node (\S+)/.exec(serve)![1]!;
    expect(existsSync(join(root, script))).toBe(true);
    // The launcher really understands --no-build (otherwise it would try to write out/ on a
    // read-only file system and fail at every start).
    expect(readFileSync(join(root, script), 'utf8')).toContain("args.includes('--no-build')");
  });

  it('runs as a dedicated user with systemd hardening and only its data folder writable', () => {
    expect(value('User')).toBe('earshot');
    expect(value('Group')).toBe('earshot');
    expect(value('NoNewPrivileges')).toBe('yes');
    expect(value('ProtectSystem')).toBe('strict');
    expect(value('ProtectHome')).toBe('yes');
    expect(value('PrivateTmp')).toBe('yes');
    expect(value('CapabilityBoundingSet')).toBe('');
    expect(value('Restart')).toBe('on-failure');
    const writable = value('ReadWritePaths') ?? '';
    const dataDir = environment.get('EARSHOT_DATA_DIR') ?? '';
    expect(dataDir.startsWith(`${writable}/`)).toBe(true);
    expect(value('StateDirectory')).toBe('earshot');
    expect(writable).toBe('/var/lib/earshot');
    expect(value('UMask')).toBe('0077');
  });

  it('starts with the system and after the network', () => {
    expect(section('Install')).toContainEqual(['WantedBy', 'multi-user.target']);
    expect(section('Unit')).toContainEqual(['After', 'network-online.target']);
  });
});
