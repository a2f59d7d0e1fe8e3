/**
 * Source secrets in the app: the shell hands the core a cipher over Electron's safeStorage (here the
 * fake's real AES cipher), so a token saved from a window reaches secrets.json only as ciphertext.
 * Machines without a real keychain fall back to the 0600 file, and say so.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../../electron/core/base/logger';
import { SECRETS_FILE } from '../../../electron/core/secrets/secret-store';
import { osKeychainCipher } from '../../../electron/main/secret-cipher';
import { nodeBuildBinding, startShell, useShellDataDir } from './shell-harness';

vi.mock('electron', () => import('./fake-electron'));
vi.mock('../../../electron/main/native-binding', () => nodeBuildBinding());

const dataDirOf = useShellDataDir();
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAShellToken%2Fsecret%3D0123456789';

describe('osKeychainCipher', () => {
  it('round-trips through safeStorage as base64 ciphertext', async () => {
    const { safeStorage } = await import('./fake-electron');
    const cipher = osKeychainCipher(safeStorage, createMemoryLogger(), 'linux')!;
    expect(cipher.kind).toBe('os-keychain');
    const blob = cipher.encrypt(TOKEN);
    expect(blob).not.toContain('ShellToken');
    expect(Buffer.from(blob, 'base64').length).toBeGreaterThan(TOKEN.length);
    expect(cipher.decrypt(blob)).toBe(TOKEN);
  });

  it('falls back to the file where there is no keychain worth the name, and logs why', async () => {
    const { safeStorage } = await import('./fake-electron');
    const log = createMemoryLogger();
    expect(osKeychainCipher({ ...safeStorage, isEncryptionAvailable: () => false }, log)).toBeNull();
    expect(osKeychainCipher({ ...safeStorage, getSelectedStorageBackend: () => 'basic_text' }, log, 'linux')).toBeNull();
    expect(log.lines.join('\n')).toMatch(/OS keychain is not available[\s\S]*no keyring/);
    // basic_text is a Linux notion; elsewhere an available safeStorage is the keychain.
    expect(osKeychainCipher({ ...safeStorage, getSelectedStorageBackend: () => 'basic_text' }, log, 'darwin')).not.toBeNull();
  });
});

describe('the app shell', () => {
  it('stores a token saved from a window only as OS-keychain ciphertext, in a 0600 file', async () => {
    const fake = await startShell();
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.all).toHaveLength(1), { timeout: 10_000 });
    const contents = fake.FakeBrowserWindow.all[0]!.webContents;
    const [file] = fake.FakeBrowserWindow.all[0]!.loads[0]!.split('#');
    contents.load(`file://${file}#/sources`);

    const request = {
      t: 'req',
      id: 41,
      method: 'sources.create',
      params: { kind: 'x', name: 'X', settings: { baseUrl: 'http://127.0.0.1:9', query: 'kestrel', bearerToken: TOKEN } },
    };
    fake.ipcMain.emit('earshot:frame', { sender: contents, senderFrame: contents.mainFrame }, JSON.stringify(request));
    await vi.waitFor(() => expect(contents.sent.some((frame) => frame.includes('"id":41'))).toBe(true), { timeout: 10_000 });
    const answer = JSON.parse(contents.sent.find((frame) => frame.includes('"id":41'))!) as {
      ok: boolean;
      result: { ok: boolean; source: { secrets: Record<string, string> } };
    };
    expect(answer).toMatchObject({ ok: true, result: { ok: true, source: { secrets: { bearerToken: 'set' } } } });
    expect(contents.sent.some((frame) => frame.includes(TOKEN))).toBe(false);

    const secretsFile = join(dataDirOf(), SECRETS_FILE);
    const raw = readFileSync(secretsFile, 'utf8');
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain('ShellToken');
    const stored = JSON.parse(raw) as { sources: Record<string, { bearerToken: { enc: string; value: string } }> };
    const [entry] = Object.values(stored.sources);
    expect(entry?.bearerToken.enc).toBe('os-keychain');
    expect(fake.safeStorage.decryptString(Buffer.from(entry!.bearerToken.value, 'base64'))).toBe(TOKEN);
    if (process.platform !== 'win32') expect(statSync(secretsFile).mode & 0o777).toBe(0o600);

    fake.app.quit();
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true), { timeout: 10_000 });
  });
});
