// The hash that identifies a file's content: staged edits remember it, and a write checks it right before landing.
import { createHash } from 'node:crypto';

const encoder = new TextEncoder();

/** sha256 hex of the bytes (a string is hashed as its UTF-8 encoding). */
export function contentHash(content: Uint8Array | string): string {
  return createHash('sha256')
    .update(typeof content === 'string' ? encoder.encode(content) : content)
    .digest('hex');
}
