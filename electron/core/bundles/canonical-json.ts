/**
 * Canonical JSON for checksums: object keys sorted by UTF-16 code units (as `Array.prototype.sort`
 * does), no whitespace, strings and numbers exactly as `JSON.stringify` writes them (ECMAScript's
 * shortest round-trip form), array order kept. The same value gives the same text on every machine,
 * so a bundle's checksum does not depend on how its JSON happened to be laid out.
 *
 * Only JSON values are accepted: a non-finite number, `undefined` inside an array, a function, a
 * bigint or a class instance is an error rather than a silent `null`. Object properties whose value
 * is `undefined` are left out, as `JSON.stringify` does.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

/** SHA-256 (lowercase hex) of the canonical JSON of `value`, as UTF-8. */
export function canonicalSha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${path} is ${value}, which JSON cannot hold`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((item, i) => {
            if (item === undefined) throw new TypeError(`canonical JSON: ${path}[${i}] is undefined`);
            return write(item, `${path}[${i}]`);
          })
          .join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError(`canonical JSON: ${path} is not a plain object`);
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON: ${path} is a ${typeof value}, which JSON cannot hold`);
  }
}
