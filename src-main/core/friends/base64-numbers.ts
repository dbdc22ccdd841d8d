// Typed arrays as base64 text of their bytes: how the saved people index and
// the saved word index keep their numbers, since the store keeps no BLOBs
// (sqlite-connection.ts). Not checked character by character (megabytes of
// it): a text that is not base64 decodes to arrays that fail the reader's own
// checks.

export const base64Of = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

export function float64sOf(text: string): Float64Array | null {
  const bytes = Buffer.from(text, 'base64');
  // Copied into a buffer of its own: Buffer.from may hand out an unaligned slice of its pool.
  return bytes.length % 8 === 0 ? new Float64Array(new Uint8Array(bytes).buffer) : null;
}

// Entry numbers and string lengths in 1, 2 or 4 bytes each, as few as the largest of a part needs: at
// 100,000 entries a string's length takes 1 byte where its end took 4. Every byte saved is one a cold
// open does not read, decrypt and make a string of (some 3 ms per MB). Only widths a typed array
// holds: the bytes become numbers in native code, where a loop over them in a process that just
// started (JavaScript not yet compiled) costs a few ms per 100,000.
export type Width = 1 | 2 | 4;
export const widthOf = (largest: number): Width => (largest < 0x100 ? 1 : largest < 0x1_0000 ? 2 : 4);

/** `values` (whole, 0 to 2^31 - 1) in `width` bytes each. */
export function uintsText(values: ArrayLike<number>, width: Width): string {
  return base64Of(width === 1 ? Uint8Array.from(values) : width === 2 ? Uint16Array.from(values) : Int32Array.from(values));
}

/** The numbers of uintsText(…, width), or of base64Of an Int32Array (width 4); null when the bytes are not whole numbers of that width. */
export function int32sOf(text: string, width: number): Int32Array | null {
  const bytes = Buffer.from(text, 'base64');
  if (width === 1) return new Int32Array(bytes);
  if ((width !== 2 && width !== 4) || bytes.length % width !== 0) return null;
  // Copied into a buffer of its own (Buffer.from may hand out an unaligned slice of its pool), then widened.
  const aligned = new Uint8Array(bytes).buffer;
  return width === 2 ? new Int32Array(new Uint16Array(aligned)) : new Int32Array(aligned);
}
