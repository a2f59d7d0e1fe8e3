// A sandboxed preload may only `require` electron and a few built-ins: the limit comes from the
// import-free `limits.ts`, not from `frames.ts`, which pulls in zod.
import { MAX_FRAME_BYTES } from '@shared/contract/limits';

/** UTF-8 size without encoding when the answer is obvious from the UTF-16 length. */
export function fitsFrameLimit(frame: string, limit = MAX_FRAME_BYTES): boolean {
  // One UTF-16 unit encodes to 1..3 UTF-8 bytes, so length bounds the byte size from both sides.
  if (frame.length > limit) return false;
  if (frame.length * 3 <= limit) return true;
  return new TextEncoder().encode(frame).byteLength <= limit;
}
