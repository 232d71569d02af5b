// Counts in words: "1 change", "2 changes", never "change(s)".

/**
 * The count with its noun: "1 change", "2 changes", "0 changes". Pass the plural when it is not the
 * singular plus "s" ("1 change is", "3 changes are"; "1 entry", "2 entries").
 */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
