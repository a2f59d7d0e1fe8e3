/**
 * The per-mention text work of the in-transaction hooks that depends on nothing but the text: a
 * story's normalised text and MinHash signature, and the terms a mention adds to trending. It is
 * done where the mention is scored (in the analysis pool's workers for large batches) so the
 * writer's hooks only look things up, count and write. Both threads call the same functions, so a
 * mention's text work is the same wherever it was done.
 */
import { MINHASH_SIZE, normaliseForStory, signatureOf } from '@shared/logic/stories/fingerprint';
import { extractTerms } from '../understanding/terms';

export interface MentionText {
  /** The text as stories compare it ('' when nothing is left: such a post joins no story). */
  normalised: string;
  /** MinHash signature of `normalised`, null when it has too few words to group. */
  signature: Uint32Array | null;
  /** The terms it contributes to trending, in extraction order. */
  terms: string[];
  /** The topics it matches, when they were matched with its scores (see mention-topics.ts); null: the topic hook matches it. */
  topicIds: number[] | null;
}

export function mentionTextOf(text: string): MentionText {
  const normalised = normaliseForStory(text);
  return { normalised, signature: normalised === '' ? null : signatureOf(normalised), terms: extractTerms(text), topicIds: null };
}

/** A batch's text work as a few arrays: strings as string arrays, signatures in one transferred buffer. */
export interface PackedTexts {
  normalised: string[];
  /** MINHASH_SIZE numbers per mention; meaningful where `hasSignature` is 1. */
  signatures: Uint32Array<ArrayBuffer>;
  hasSignature: Uint8Array<ArrayBuffer>;
  /** Every mention's terms, one after another; `termCounts[i]` of them belong to mention i. */
  terms: string[];
  termCounts: Uint16Array<ArrayBuffer>;
}

export function packTexts(texts: readonly string[]): PackedTexts {
  const n = texts.length;
  const normalised = new Array<string>(n);
  const signatures = new Uint32Array(n * MINHASH_SIZE);
  const hasSignature = new Uint8Array(n);
  const terms: string[] = [];
  const termCounts = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const t = mentionTextOf(texts[i]!);
    normalised[i] = t.normalised;
    if (t.signature) {
      signatures.set(t.signature, i * MINHASH_SIZE);
      hasSignature[i] = 1;
    }
    termCounts[i] = t.terms.length;
    for (const term of t.terms) terms.push(term);
  }
  return { normalised, signatures, hasSignature, terms, termCounts };
}

/** Appends each packed mention's text work to `out`, in order. */
export function unpackTexts(p: PackedTexts, out: MentionText[]): void {
  let next = 0;
  for (let i = 0; i < p.normalised.length; i++) {
    const count = p.termCounts[i]!;
    // A copy of its own: a story's signature outlives the batch, which must not keep the whole buffer alive.
    const signature = p.hasSignature[i] === 1 ? p.signatures.slice(i * MINHASH_SIZE, (i + 1) * MINHASH_SIZE) : null;
    out.push({ normalised: p.normalised[i]!, signature, terms: p.terms.slice(next, next + count), topicIds: null });
    next += count;
  }
}

export function transferablesOf(p: PackedTexts): ArrayBuffer[] {
  return [p.signatures.buffer, p.hasSignature.buffer, p.termCounts.buffer];
}
