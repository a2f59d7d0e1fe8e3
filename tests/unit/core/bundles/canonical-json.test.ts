import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalSha256 } from '../../../../electron/core/bundles/canonical-json';

describe('canonical JSON', () => {
  it('sorts keys at every depth, keeps array order, writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { z: [3, 1, { y: null, x: 'é\n"' }], c: true } })).toBe('{"a":{"c":true,"z":[3,1,{"x":"é\\n\\"","y":null}]},"b":1}');
  });

  it('gives the same text for the same value however it was laid out', () => {
    const a = JSON.parse('{ "text": "hi",\n  "n": 1.50, "list": [ 2e3, -0.25 ] }') as unknown;
    const b = { list: [2000, -0.25], n: 1.5, text: 'hi' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"list":[2000,-0.25],"n":1.5,"text":"hi"}');
  });

  it('sorts keys by code unit, as JSON.stringify of a sorted object would', () => {
    expect(canonicalJson({ b: 0, B: 0, _: 0, a1: 0, a: 0, é: 0 })).toBe('{"B":0,"_":0,"a":0,"a1":0,"b":0,"é":0}');
  });

  it('hashes the canonical text as UTF-8 with SHA-256', () => {
    const expected = createHash('sha256').update('{"a":[1,"ü"],"b":1}', 'utf8').digest('hex');
    expect(canonicalSha256({ b: 1, a: [1, 'ü'] })).toBe(expected);
    expect(canonicalSha256({ b: 1, a: [1, 'u'] })).not.toBe(expected);
  });

  it('leaves out undefined properties and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a is NaN/);
    expect(() => canonicalJson({ a: [1, Infinity] })).toThrow(/\$\.a\[1\] is Infinity/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/not a plain object/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });
});
