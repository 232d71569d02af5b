// Stable todo ids: the same content always gives the same id, so statuses survive a replan.

/** Content with case, spacing and punctuation ironed out: what two "same" todos share. */
export function todoKey(content: string): string {
  return content.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ' ').trim();
}

/** `t-` and 12 hex digits from two FNV-1a hashes of the normalised content. */
export function todoId(content: string): string {
  const key = todoKey(content);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (i & 0xff), 0x01000193) >>> 0;
  }
  return `t-${a.toString(16).padStart(8, '0')}${(b >>> 16).toString(16).padStart(4, '0')}`;
}

/** `id`, or `id-2`, `id-3`... whichever is not in `taken` yet (which it then joins). */
export function uniqueId(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  taken.add(candidate);
  return candidate;
}
