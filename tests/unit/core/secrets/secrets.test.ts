/**
 * The SecretStore's two backends on real files: serve mode's plain file (mode 0600, refused when
 * others can read it) and the app's OS-keychain cipher, stood in for here by a real AES-256-GCM
 * cipher built with node:crypto (what safeStorage does with a key from the OS keychain).
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRETS_FILE, SecretStore, SecretsUnavailableError } from '../../../../electron/core/secrets/secret-store';
import { splitSecrets, withSecrets } from '../../../../electron/core/secrets/secret-fields';
import { useTempDirs } from '../../../support/core-helpers';
import { aesCipher } from '../source-admin/support/aes-cipher';

const tempDir = useTempDirs();
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAKestrelBearer%2Fsecret%3D0123456789';
const posix = process.platform !== 'win32';

function mode(file: string): number {
  return statSync(file).mode & 0o777;
}

describe('SecretStore, file backend (serve mode)', () => {
  it('creates secrets.json with mode 0600 and reads values back after a reopen', () => {
    const dir = tempDir();
    const secrets = new SecretStore(dir);
    expect(secrets.backend).toBe('file');
    expect(secrets.fieldsSet('x-1')).toEqual([]);
    secrets.set('x-1', 'bearerToken', TOKEN);
    secrets.set('yt-1', 'apiKey', 'AIzaSyExampleKey123');
    const file = join(dir, SECRETS_FILE);
    if (posix) expect(mode(file)).toBe(0o600);

    const reopened = new SecretStore(dir);
    expect(reopened.problem).toBeNull();
    expect(reopened.get('x-1', 'bearerToken')).toBe(TOKEN);
    expect(reopened.getAll('yt-1')).toEqual({ apiKey: 'AIzaSyExampleKey123' });
    expect(reopened.fieldsSet('x-1')).toEqual(['bearerToken']);
    expect(reopened.get('x-1', 'other')).toBeNull();
  });

  it('updates and removes fields in one write, and forgets a deleted source', () => {
    const dir = tempDir();
    const secrets = new SecretStore(dir);
    secrets.update('s', { a: 'first-value', b: 'second-value' }, []);
    secrets.update('s', { a: 'replaced-value' }, ['b']);
    expect(new SecretStore(dir).getAll('s')).toEqual({ a: 'replaced-value' });
    secrets.delete('s', 'a');
    expect(new SecretStore(dir).fieldsSet('s')).toEqual([]);
    secrets.set('t', 'k', 'value-of-t');
    secrets.deleteSource('t');
    expect(JSON.parse(readFileSync(join(dir, SECRETS_FILE), 'utf8'))).toEqual({ version: 1, sources: {} });
  });

  it.skipIf(!posix)('refuses a file other users can read, says so, and leaves it untouched', () => {
    const dir = tempDir();
    new SecretStore(dir).set('x-1', 'bearerToken', TOKEN);
    const file = join(dir, SECRETS_FILE);
    chmodSync(file, 0o644);
    const before = readFileSync(file, 'utf8');

    const secrets = new SecretStore(dir);
    expect(secrets.problem).toContain('can be read by other users (mode 0644)');
    expect(secrets.problem).toContain(`chmod 600 "${file}"`);
    expect(() => secrets.get('x-1', 'bearerToken')).toThrow(SecretsUnavailableError);
    expect(() => secrets.set('x-1', 'bearerToken', 'new-value')).toThrow(/can be read by other users/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(mode(file)).toBe(0o644);
    // The message never carries the secret itself.
    expect(secrets.problem).not.toContain(TOKEN);

    chmodSync(file, 0o600);
    expect(new SecretStore(dir).get('x-1', 'bearerToken')).toBe(TOKEN);
  });

  it.skipIf(!posix)('writes 0600 even over a looser file and under a permissive umask', () => {
    const dir = tempDir();
    const file = join(dir, SECRETS_FILE);
    const secrets = new SecretStore(dir);
    const previous = process.umask(0o000);
    try {
      secrets.set('s', 'k', 'value-1');
    } finally {
      process.umask(previous);
    }
    expect(mode(file)).toBe(0o600);
    // Loosened behind our back after it was opened: the next write tightens it again.
    chmodSync(file, 0o666);
    secrets.set('s', 'k', 'value-2');
    expect(mode(file)).toBe(0o600);
  });

  it('refuses a corrupt file without overwriting it', () => {
    const dir = tempDir();
    const file = join(dir, SECRETS_FILE);
    writeFileSync(file, '{"version": 1, "sources": {', { mode: 0o600 });
    const secrets = new SecretStore(dir);
    expect(secrets.problem).toMatch(/is not valid JSON; Earshot leaves it untouched/);
    expect(() => secrets.set('s', 'k', 'value')).toThrow(SecretsUnavailableError);
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "sources": {');

    writeFileSync(file, JSON.stringify({ version: 7, sources: {} }), { mode: 0o600 });
    expect(new SecretStore(dir).problem).toMatch(/not in a format this Earshot knows/);
  });
});

describe('SecretStore, OS-keychain cipher (the app)', () => {
  it('keeps only ciphertext in the file and decrypts with the same key', () => {
    const dir = tempDir();
    const key = aesCipher();
    const secrets = new SecretStore(dir, key);
    expect(secrets.backend).toBe('os-keychain');
    secrets.set('x-1', 'bearerToken', TOKEN);
    const raw = readFileSync(join(dir, SECRETS_FILE), 'utf8');
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain('Kestrel');
    expect(JSON.parse(raw).sources['x-1'].bearerToken.enc).toBe('os-keychain');
    if (posix) expect(mode(join(dir, SECRETS_FILE))).toBe(0o600);
    expect(new SecretStore(dir, key).get('x-1', 'bearerToken')).toBe(TOKEN);
  });

  it('encrypts plain values left by serve mode as soon as the app opens the folder', () => {
    const dir = tempDir();
    new SecretStore(dir).set('x-1', 'bearerToken', TOKEN);
    expect(readFileSync(join(dir, SECRETS_FILE), 'utf8')).toContain(TOKEN);
    const key = aesCipher();
    const app = new SecretStore(dir, key);
    expect(readFileSync(join(dir, SECRETS_FILE), 'utf8')).not.toContain(TOKEN);
    expect(app.get('x-1', 'bearerToken')).toBe(TOKEN);
  });

  it('explains, without the value, when serve mode or another keychain cannot decrypt', () => {
    const dir = tempDir();
    new SecretStore(dir, aesCipher()).set('x-1', 'bearerToken', TOKEN);

    const serve = new SecretStore(dir);
    expect(serve.problem).toBeNull();
    expect(serve.fieldsSet('x-1')).toEqual(['bearerToken']);
    expect(() => serve.get('x-1', 'bearerToken')).toThrow(/stored by the Earshot app with the OS keychain, which serve mode cannot use/);

    const otherKey = new SecretStore(dir, aesCipher());
    expect(() => otherKey.getAll('x-1')).toThrow(/could not be decrypted with the OS keychain/);
  });
});

describe('splitting secrets from settings', () => {
  it('keeps secret fields out of the stored settings and merges them back for the adapter only', () => {
    const { plain, secrets } = splitSecrets({ query: 'kestrel', bearerToken: TOKEN, apiKey: '' }, ['bearerToken', 'apiKey']);
    expect(plain).toEqual({ query: 'kestrel' });
    expect(secrets).toEqual({ bearerToken: TOKEN });
    expect(JSON.parse(withSecrets(JSON.stringify(plain), secrets))).toEqual({ query: 'kestrel', bearerToken: TOKEN });
    expect(withSecrets('not json', secrets)).toBe('not json');
    expect(withSecrets('{"a":1}', {})).toBe('{"a":1}');
  });
});
