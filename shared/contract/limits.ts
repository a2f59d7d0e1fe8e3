// Kept free of imports so the sandboxed preload can bundle it without pulling in zod.

/** Frames above this size (UTF-8 bytes) are refused before parsing, by every transport. */
export const MAX_FRAME_BYTES = 256 * 1024;
