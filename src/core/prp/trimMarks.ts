// Trimming markup off both ends with plain loops: end-anchored regexes backtrack badly on long runs.

/** Removes any of `lead` from the start and `trail` from the end (whitespace too), repeatedly. */
export function trimMarks(text: string, lead: readonly string[], trail: readonly string[] = lead): string {
  let start = 0;
  let end = text.length;
  let changed = true;
  while (changed) {
    changed = false;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    for (const mark of lead) {
      if (end - start >= mark.length && text.startsWith(mark, start)) {
        start += mark.length;
        changed = true;
      }
    }
    for (const mark of trail) {
      if (end - start >= mark.length && text.endsWith(mark, end)) {
        end -= mark.length;
        changed = true;
      }
    }
  }
  return text.slice(start, end);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0x3000 || code === 0xa0;
}
