/**
 * The OS keychain for sources' secrets, through Electron's safeStorage (macOS Keychain, Windows
 * DPAPI, libsecret or KWallet on Linux). The core never imports Electron, so the shell wraps
 * safeStorage as the core's `SecretCipher`; the secrets file then holds only ciphertext.
 */
import type { Logger } from '../core/base/logger';
import type { SecretCipher } from '../core/secrets/secret-store';

/** The part of Electron's `safeStorage` this needs (so tests can hand in their own). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/**
 * A cipher backed by the OS keychain, or null where there is none worth the name: encryption
 * unavailable, or Linux without a keyring, where Chromium falls back to a hard-coded key
 * ('basic_text') that protects nothing a 0600 file does not. Then secrets stay in the file only
 * the user can read, as in serve mode, and the log says why.
 */
export function osKeychainCipher(safeStorage: SafeStorageLike, log: Logger, platform: NodeJS.Platform = process.platform): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) {
    log.warn('the OS keychain is not available; source secrets are kept in secrets.json, readable only by this user');
    return null;
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    log.warn('no keyring (libsecret or KWallet) found; source secrets are kept in secrets.json, readable only by this user');
    return null;
  }
  return {
    kind: 'os-keychain',
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (blob) => safeStorage.decryptString(Buffer.from(blob, 'base64')),
  };
}
