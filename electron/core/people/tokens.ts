import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 256 random bits, URL-safe: a session token or a pairing secret. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes are stored: a copied database does not hand out live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** No 0/O, 1/I/L: a code read off a TV across the room and typed on a laptop. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newPairingCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
