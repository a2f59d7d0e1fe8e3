/**
 * The bundle file on disk: gzip of the document's canonical JSON. Reading checks, in this order,
 * the file's size, the gzip stream (with a cap on what it may inflate to, so a small "zip bomb"
 * cannot fill memory), JSON, format and version, the schema (errors name the JSON path), and last
 * the checksum. Every refusal is an ApiError('bad-params') with a message a person can act on.
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  BUNDLE_VERSIONS_READ,
  bundleDocumentSchema,
  type BundleBody,
  type BundleDocument,
} from '@shared/contract/bundle-schema';
import { describeSchemaIssues } from '@shared/contract/wall-schema';
import { ApiError } from '../api/api-error';
import { canonicalJson, canonicalSha256 } from './canonical-json';

export interface BundleLimits {
  /** Largest bundle file accepted (compressed bytes). */
  maxFileBytes: number;
  /** Largest document a bundle may inflate to (bytes of JSON). */
  maxJsonBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = { maxFileBytes: 256 * 1024 * 1024, maxJsonBytes: 400 * 1024 * 1024 };

const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The checksum of a document's body: SHA-256 of the canonical JSON of everything but `checksum`. */
export function bundleChecksum(body: BundleBody): string {
  return canonicalSha256(body);
}

/** A whole document (body + checksum) as the bytes of a bundle file. */
export function encodeBundle(body: BundleBody, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): { bytes: Buffer; checksum: string } {
  const tooBig = (size: string) => new ApiError('bad-params', `the bundle would be ${size}, more than an import accepts: export a shorter period or one topic`);
  let json: Buffer;
  let checksum: string;
  try {
    checksum = bundleChecksum(body);
    const doc: BundleDocument = { ...body, checksum: { algorithm: 'sha256', value: checksum } };
    json = Buffer.from(canonicalJson(doc), 'utf8');
  } catch (error) {
    // Past what one JavaScript string can hold (about 512 MB).
    if (error instanceof RangeError) throw tooBig('larger than one document can be');
    throw error;
  }
  // Every bundle written can be read back: the same limits as an import.
  if (json.length > limits.maxJsonBytes) throw tooBig(`${mb(json.length)} of JSON (at most ${mb(limits.maxJsonBytes)})`);
  const bytes = gzipSync(json, { level: 9 });
  if (bytes.length > limits.maxFileBytes) throw tooBig(`a ${mb(bytes.length)} file (at most ${mb(limits.maxFileBytes)})`);
  return { bytes, checksum };
}

/** Reads and checks a bundle file; returns the document and its (verified) checksum. */
export function readBundleFile(path: string, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): { doc: BundleDocument; bytes: number } {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new ApiError('bad-params', `${path} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('not-found', `no bundle file at ${path}`);
  }
  if (size > limits.maxFileBytes)
    throw new ApiError('bad-params', `the bundle file is ${mb(size)}, more than the ${mb(limits.maxFileBytes)} an import accepts`);
  const doc = decodeBundle(readFileSync(path), limits);
  return { doc, bytes: size };
}

/** Checks the bytes of a bundle file (see the module comment for the order of the checks). */
export function decodeBundle(bytes: Buffer, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): BundleDocument {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw new ApiError('bad-params', 'this is not an Earshot incident bundle: the file is not gzip-compressed');
  let json: Buffer;
  try {
    json = gunzipSync(bytes, { maxOutputLength: limits.maxJsonBytes });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError)
      throw new ApiError('bad-params', `the bundle inflates to more than ${mb(limits.maxJsonBytes)}, more than an import accepts`);
    if (code === 'Z_BUF_ERROR')
      throw new ApiError('bad-params', 'the bundle file is incomplete: its compressed data ends early (was it cut off while copying?)');
    throw new ApiError('bad-params', `the bundle file is damaged: its compressed data cannot be read (${(error as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json.toString('utf8'));
  } catch (error) {
    throw new ApiError('bad-params', `the bundle file is damaged: its contents are not JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ApiError('bad-params', 'this is not an Earshot incident bundle: its document is not a JSON object');
  const head = raw as { format?: unknown; version?: unknown; checksum?: unknown };
  if (head.format !== BUNDLE_FORMAT)
    throw new ApiError(
      'bad-params',
      `this is not an Earshot incident bundle: its format is ${JSON.stringify(head.format ?? null)}, expected "${BUNDLE_FORMAT}"`,
    );
  if (typeof head.version !== 'number' || !Number.isInteger(head.version))
    throw new ApiError('bad-params', `the bundle has no valid version (found ${JSON.stringify(head.version ?? null)})`);
  if (head.version > BUNDLE_VERSION)
    throw new ApiError(
      'bad-params',
      `the bundle was written by a newer Earshot (bundle version ${head.version}; this version reads up to ${BUNDLE_VERSION}): update Earshot to open it`,
    );
  if (!BUNDLE_VERSIONS_READ.includes(head.version))
    throw new ApiError(
      'bad-params',
      `the bundle has version ${head.version}, which this Earshot does not read (it reads ${BUNDLE_VERSIONS_READ.join(' and ')})`,
    );
  const parsed = bundleDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new ApiError('bad-params', `the bundle's document is not valid: ${describeSchemaIssues(parsed.error)}`);
  // The checksum is computed over the document as written (not over the parsed copy), minus the checksum.
  const { checksum: _checksum, ...body } = raw as Record<string, unknown>;
  const found = canonicalSha256(body);
  const expected = parsed.data.checksum.value;
  if (found !== expected)
    throw new ApiError('bad-params', `the bundle's contents do not match its checksum: it was altered after export (expected ${expected}, found ${found})`);
  return parsed.data;
}
