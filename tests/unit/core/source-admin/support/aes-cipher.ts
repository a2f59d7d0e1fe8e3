/**
 * A real cipher standing in for Electron's safeStorage: AES-256-GCM with a random key held only in
 * memory (the OS keychain's role). Each value gets its own IV; tampering fails authentication.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretCipher } from '../../../../../electron/core/secrets/secret-store';

export function aesCipher(key: Buffer = randomBytes(32)): SecretCipher & { encryptions: number } {
  const cipher = {
    kind: 'os-keychain' as const,
    encryptions: 0,
    encrypt(plain: string): string {
      cipher.encryptions++;
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    decrypt(blob: string): string {
      const raw = Buffer.from(blob, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
  return cipher;
}
