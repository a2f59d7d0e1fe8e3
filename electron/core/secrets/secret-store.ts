/**
 * Where sources' tokens and keys live: `secrets.json` in the data folder, readable only by the user
 * (mode 0600), never in the database. In the Electron app each value in it is encrypted with the
 * OS keychain (Electron's safeStorage, handed in by the shell as a `SecretCipher`, because the
 * core never imports Electron), so the file holds only ciphertext. In serve mode (plain Node, no
 * keychain) the values are plain text protected by the file's mode.
 *
 * Secret values never leave this module except through `get`/`getAll`, which only the adapter
 * factory calls; errors name the source and field, never the value.
 */
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRETS_FILE = 'secrets.json';

/** Turns a secret into an opaque string and back, with a key the OS keeps (safeStorage). */
export interface SecretCipher {
  readonly kind: 'os-keychain';
  encrypt(plain: string): string;
  decrypt(blob: string): string;
}

/** How a value is kept in the file: plain text (serve mode) or ciphertext from the OS keychain. */
export type SecretEncoding = 'plain' | 'os-keychain';

interface StoredValue {
  enc: SecretEncoding;
  value: string;
  /**
   * The origins the secret was saved for (see secret-destination.ts); absent for secrets saved
   * before destinations were recorded, which then belong to the addresses stored with them.
   */
  dest?: string;
}

interface SecretsFile {
  version: 1;
  sources: Record<string, Record<string, StoredValue>>;
}

/** The secrets cannot be used; the message says why and what to do, and holds no secret. */
export class SecretsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsUnavailableError';
  }
}

export class SecretStore {
  readonly file: string;
  /** Set when the file must not be used (others can read it, or it is corrupt). */
  readonly problem: string | null;
  private data: SecretsFile = { version: 1, sources: {} };

  /**
   * Opens (or prepares to create) `secrets.json` in `dataDir`. With a cipher, plain values left by
   * serve mode are encrypted at once, so the file ends up holding only ciphertext.
   */
  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher | null = null,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.file = join(dataDir, SECRETS_FILE);
    this.problem = this.load();
    if (this.problem === null && this.cipher) this.encryptPlainValues();
  }

  /** Where secrets are protected: by the OS keychain (app) or only by the file's mode (serve). */
  get backend(): 'os-keychain' | 'file' {
    return this.cipher ? this.cipher.kind : 'file';
  }

  /** The secret fields stored for a source (their values stay here). */
  fieldsSet(sourceId: string): string[] {
    this.assertUsable();
    return Object.keys(this.data.sources[sourceId] ?? {}).sort();
  }

  get(sourceId: string, field: string): string | null {
    this.assertUsable();
    const stored = this.data.sources[sourceId]?.[field];
    return stored ? this.reveal(sourceId, field, stored) : null;
  }

  /** Every secret of a source, for building its adapter. */
  getAll(sourceId: string): Record<string, string> {
    this.assertUsable();
    const out: Record<string, string> = {};
    for (const [field, stored] of Object.entries(this.data.sources[sourceId] ?? {})) out[field] = this.reveal(sourceId, field, stored);
    return out;
  }

  set(sourceId: string, field: string, value: string, destination?: string): void {
    this.update(sourceId, { [field]: value }, [], destination);
  }

  /**
   * The destination recorded with a scope's secrets (null: none stored, or stored before
   * destinations were recorded). All secrets of a scope are saved for one destination.
   */
  destinationOf(sourceId: string): string | null {
    this.assertUsable();
    const values = Object.values(this.data.sources[sourceId] ?? {});
    const recorded = values.find((v) => v.dest !== undefined);
    return recorded?.dest ?? null;
  }

  delete(sourceId: string, field: string): void {
    this.update(sourceId, {}, [field]);
  }

  /**
   * Sets some fields and removes others in one write of the file. With a destination, every
   * secret of the scope is recorded as belonging to it (the ones kept were checked against it).
   */
  update(sourceId: string, set: Readonly<Record<string, string>>, remove: readonly string[], destination?: string): void {
    this.assertUsable();
    const entry = { ...(this.data.sources[sourceId] ?? {}) };
    for (const field of remove) delete entry[field];
    for (const [field, value] of Object.entries(set)) entry[field] = this.conceal(value);
    if (destination !== undefined) for (const field of Object.keys(entry)) entry[field] = { ...entry[field]!, dest: destination };
    const sources = { ...this.data.sources };
    if (Object.keys(entry).length === 0) delete sources[sourceId];
    else sources[sourceId] = entry;
    this.write({ version: 1, sources });
  }

  /** Forgets every secret of a source (it was deleted). */
  deleteSource(sourceId: string): void {
    this.assertUsable();
    if (!this.data.sources[sourceId]) return;
    const sources = { ...this.data.sources };
    delete sources[sourceId];
    this.write({ version: 1, sources });
  }

  private assertUsable(): void {
    if (this.problem !== null) throw new SecretsUnavailableError(this.problem);
  }

  private conceal(value: string): StoredValue {
    return this.cipher ? { enc: this.cipher.kind, value: this.cipher.encrypt(value) } : { enc: 'plain', value };
  }

  private reveal(sourceId: string, field: string, stored: StoredValue): string {
    if (stored.enc === 'plain') return stored.value;
    if (!this.cipher) {
      throw new SecretsUnavailableError(
        `the ${field} of source ${sourceId} was stored by the Earshot app with the OS keychain, which serve mode cannot use; enter it again in the Sources view`,
      );
    }
    try {
      return this.cipher.decrypt(stored.value);
    } catch {
      throw new SecretsUnavailableError(
        `the ${field} of source ${sourceId} could not be decrypted with the OS keychain (was it reset?); enter it again in the Sources view`,
      );
    }
  }

  /** Reads the file; returns why it must not be used, or null. A missing file is an empty store. */
  private load(): string | null {
    if (!existsSync(this.file)) return null;
    if (this.platform !== 'win32') {
      const mode = statSync(this.file).mode & 0o777;
      if ((mode & 0o077) !== 0) {
        return `the secrets file ${this.file} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}), so Earshot will not use it. Check who could read it, change the tokens it holds if needed, then run: chmod 600 "${this.file}"`;
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return `the secrets file ${this.file} is not valid JSON; Earshot leaves it untouched. Move it aside to start with no stored secrets`;
    }
    const checked = checkFile(parsed);
    if (checked === null) return `the secrets file ${this.file} is not in a format this Earshot knows; Earshot leaves it untouched`;
    this.data = checked;
    return null;
  }

  private encryptPlainValues(): void {
    let changed = false;
    const sources: SecretsFile['sources'] = {};
    for (const [sourceId, fields] of Object.entries(this.data.sources)) {
      sources[sourceId] = {};
      for (const [field, stored] of Object.entries(fields)) {
        if (stored.enc === 'plain') {
          sources[sourceId][field] = { ...this.conceal(stored.value), ...(stored.dest !== undefined ? { dest: stored.dest } : {}) };
          changed = true;
        } else {
          sources[sourceId][field] = stored;
        }
      }
    }
    if (changed) this.write({ version: 1, sources });
  }

  /**
   * Writes a new file beside the old one with mode 0600 and renames it over, so a crash leaves
   * either the old or the new file, never half of one. The explicit chmod covers a umask or file
   * system that did not honour the mode at creation.
   */
  private write(next: SecretsFile): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    if (this.platform !== 'win32') chmodSync(temp, 0o600);
    renameSync(temp, this.file);
    if (this.platform !== 'win32') chmodSync(this.file, 0o600);
    this.data = next;
  }
}

function checkFile(value: unknown): SecretsFile | null {
  if (!isRecord(value) || value.version !== 1 || !isRecord(value.sources)) return null;
  const sources: SecretsFile['sources'] = {};
  for (const [sourceId, fields] of Object.entries(value.sources)) {
    if (!isRecord(fields)) return null;
    sources[sourceId] = {};
    for (const [field, stored] of Object.entries(fields)) {
      if (!isRecord(stored) || (stored.enc !== 'plain' && stored.enc !== 'os-keychain') || typeof stored.value !== 'string') return null;
      if (stored.dest !== undefined && typeof stored.dest !== 'string') return null;
      sources[sourceId][field] = { enc: stored.enc, value: stored.value, ...(typeof stored.dest === 'string' ? { dest: stored.dest } : {}) };
    }
  }
  return { version: 1, sources };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
