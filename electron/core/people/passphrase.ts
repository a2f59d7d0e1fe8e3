/**
 * Passphrases are stored as scrypt hashes (node:crypto), each with its own random salt and the cost
 * it was made with, so raising the cost later leaves older hashes verifiable.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PassphraseHash } from '../store/queries/people';

interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** About 16 MB and some tens of milliseconds per check: cheap for a sign-in, costly for guessing offline. */
export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 14, r: 8, p: 1, keyLength: 64 };

function derive(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, params.keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassphrase(passphrase: string): Promise<PassphraseHash> {
  const salt = randomBytes(16);
  const key = await derive(passphrase, salt, SCRYPT_PARAMS);
  return { hash: key.toString('base64'), salt: salt.toString('base64'), params: JSON.stringify(SCRYPT_PARAMS) };
}

export async function verifyPassphrase(passphrase: string, stored: PassphraseHash): Promise<boolean> {
  const params = JSON.parse(stored.params) as ScryptParams;
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(passphrase, Buffer.from(stored.salt, 'base64'), { ...params, keyLength: expected.length });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Compared against when no such person exists, so a wrong name costs as long as a wrong passphrase. */
let decoy: Promise<PassphraseHash> | null = null;
export function decoyHash(): Promise<PassphraseHash> {
  decoy ??= hashPassphrase(randomBytes(16).toString('hex'));
  return decoy;
}
