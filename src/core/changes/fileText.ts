// Bytes <-> text for the overlay: lossless UTF-8 (a BOM is kept as U+FEFF so writing back restores it),
// binary detection, and (from the workspace layer) the content hash used for stale detection.
export { contentHash } from '../workspace/contentHash';

export type DecodedFile = { kind: 'text'; text: string } | { kind: 'binary'; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** Text when the bytes are valid UTF-8 without NUL bytes; otherwise binary, with the reason. */
export function decodeFile(bytes: Uint8Array): DecodedFile {
  if (bytes.includes(0)) return { kind: 'binary', reason: 'it contains NUL bytes' };
  try {
    return { kind: 'text', text: decoder.decode(bytes) };
  } catch {
    return { kind: 'binary', reason: 'it is not valid UTF-8 text' };
  }
}

export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}
