// Exact string replacement, the only way an existing file is edited. A failed match is an error that tells
// the model how to fix its call; it never falls back to anything fuzzy.

export type ExactEditResult =
  | { ok: true; content: string; replacements: number; note?: string }
  | { ok: false; error: string };

const MAX_LISTED_LINES = 10;

/** Replaces `oldString` in `content`; it must occur exactly once unless `replaceAll`. */
export function applyExactEdit(
  path: string,
  content: string,
  oldString: string,
  newString: string,
  replaceAll: boolean,
): ExactEditResult {
  // A file with one line-ending style keeps it, whatever the model sent (it often sends LF, or mixes both).
  const style = lineEndingStyle(content);
  const matched = style ? withLineEndings(oldString, style) : oldString;
  const replacement = style ? withLineEndings(newString, style) : newString;
  const note =
    matched !== oldString || replacement !== newString ? `the file uses ${style === '\r\n' ? 'CRLF' : 'LF'} line endings; they were kept` : undefined;
  oldString = matched;
  newString = replacement;
  if (oldString === newString) {
    return { ok: false, error: `old_string and new_string are identical, so there is nothing to change in ${path}.` };
  }
  const positions = occurrences(content, oldString);
  if (positions.length === 0) return { ok: false, error: notFoundMessage(path, content, oldString) };
  if (positions.length > 1 && !replaceAll) {
    const lines = linesOf(content, positions);
    return {
      ok: false,
      error:
        `old_string occurs ${positions.length} times in ${path} (${describeLines(lines)}). ` +
        'Include more surrounding lines in old_string so it matches exactly one place, or set replace_all to true to change every occurrence.',
    };
  }
  if (replaceAll && positions.some((p, i) => i > 0 && p < positions[i - 1] + oldString.length)) {
    return {
      ok: false,
      error:
        `old_string occurs ${positions.length} times in ${path} (${describeLines(linesOf(content, positions))}) and the matches overlap, ` +
        'so replace_all cannot change each of them. Use a shorter or longer old_string whose matches do not overlap.',
    };
  }
  const replaced = replaceAll
    ? content.split(oldString).join(newString)
    : content.slice(0, positions[0]) + newString + content.slice((positions[0] ?? 0) + oldString.length);
  return { ok: true, content: replaced, replacements: positions.length, ...(note ? { note } : {}) };
}

/** Start offsets of every occurrence of `needle`, overlapping ones included ("}\n}" is twice in "}\n}\n}"). */
export function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

function notFoundMessage(path: string, content: string, oldString: string): string {
  const hints: string[] = [];
  const nonEmpty = oldString.split('\n').filter((l) => l.trim() !== '');
  if (nonEmpty.length > 0 && nonEmpty.every((l) => /^\s*\d+\t/.test(l))) {
    hints.push('old_string seems to include the line-number prefixes shown by read_file; copy only the text after the tab');
  }
  const loose = whitespaceInsensitiveLines(content, oldString);
  if (loose.length > 0) {
    hints.push(
      `text matching it when whitespace is ignored is at ${describeLines(loose)}; ` +
        'the indentation or spacing differs, so read those lines again and copy them exactly',
    );
  } else {
    hints.push('no similar text was found either; read the file again, it may differ from what you expect');
  }
  return `old_string was not found in ${path}, so nothing was changed. Hint: ${hints.join('; ')}.`;
}

/** Lines where `needle` matches once every run of whitespace counts as one space (and ends are trimmed). */
function whitespaceInsensitiveLines(content: string, needle: string): number[] {
  const target = needle.replace(/\s+/g, ' ').trim();
  if (target === '') return [];
  let squeezed = '';
  const origin: number[] = [];
  for (let i = 0; i < content.length; i++) {
    const ch = content.charAt(i);
    if (/\s/.test(ch)) {
      if (squeezed.endsWith(' ')) continue;
      squeezed += ' ';
    } else {
      squeezed += ch;
    }
    origin.push(i);
  }
  return linesOf(
    content,
    occurrences(squeezed, target).map((p) => origin[p] ?? 0),
  );
}

/** The file's line ending when it uses only one; undefined for mixed endings or a single line. */
function lineEndingStyle(content: string): '\r\n' | '\n' | undefined {
  const crlf = content.includes('\r\n');
  const lf = /(^|[^\r])\n/.test(content);
  if (crlf === lf) return undefined;
  return crlf ? '\r\n' : '\n';
}

function withLineEndings(text: string, ending: '\r\n' | '\n'): string {
  return text.replace(/\r?\n/g, ending);
}

/** 1-based line numbers of ascending offsets, in one pass over the content. */
function linesOf(content: string, offsets: number[]): number[] {
  const lines: number[] = [];
  let line = 1;
  let newline = content.indexOf('\n');
  for (const offset of offsets) {
    while (newline !== -1 && newline < offset) {
      line++;
      newline = content.indexOf('\n', newline + 1);
    }
    lines.push(line);
  }
  return lines;
}

function describeLines(lines: number[]): string {
  const shown = lines.slice(0, MAX_LISTED_LINES).join(', ');
  const more = lines.length > MAX_LISTED_LINES ? ` and ${lines.length - MAX_LISTED_LINES} more` : '';
  return `${lines.length === 1 ? 'line' : 'lines'} ${shown}${more}`;
}
