// The smallest line-based replacements that turn a file's base text into its staged text, so the review
// shows (and lets the user uncheck) each changed hunk instead of one whole-file replacement.
import { libraries } from '../libraries/lazyLibraries';

/** 0-based, like vscode.Position. A line break is "\r\n", "\n" or a lone "\r", as in VS Code's text model. */
export interface TextPosition {
  line: number;
  character: number;
}

/** Replace base[startOffset, endOffset) (= start..end) with `text`. */
export interface TextReplacement {
  start: TextPosition;
  end: TextPosition;
  startOffset: number;
  endOffset: number;
  text: string;
}

/** Above this many changed lines the line diff gives up and one replacement covers the differing middle. */
const MAX_EDIT_LENGTH = 1000;

/** Replacements in base order, non-overlapping; applying them all to `base` gives `content`. Empty when equal. */
export function minimalTextEdits(base: string, content: string): TextReplacement[] {
  if (base === content) return [];
  const spans = diffSpans(base, content) ?? [middleSpan(base, content)];
  const positions = new PositionIndex(base);
  return spans.map((span) => ({
    start: positions.at(span.startOffset),
    end: positions.at(span.endOffset),
    startOffset: span.startOffset,
    endOffset: span.endOffset,
    text: span.text,
  }));
}

/** Applies offset-based replacements (as returned by minimalTextEdits, in base order). */
export function applyTextEdits(base: string, edits: readonly Pick<TextReplacement, 'startOffset' | 'endOffset' | 'text'>[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    if (edit.startOffset < at || edit.endOffset < edit.startOffset || edit.endOffset > base.length) {
      throw new Error('Edits overlap, are out of order or fall outside the text.');
    }
    out += base.slice(at, edit.startOffset) + edit.text;
    at = edit.endOffset;
  }
  return out + base.slice(at);
}

/**
 * True when `current` is `base` with some, but not all and not none, of the hunks of base -> content applied
 * (the user unchecked part of a file in the preview). Line endings are compared loosely (see sameText).
 */
export function isPartialApplication(base: string, content: string, current: string): boolean {
  const b = normaliseEol(base);
  const c = normaliseEol(content);
  const now = normaliseEol(current);
  if (now === b || now === c) return false;
  const hunks = minimalTextEdits(b, c);
  // Depth-first over "old or new text" per hunk; memo on (hunk, position in `now`) keeps it linear.
  const failed = new Set<string>();
  const match = (index: number, baseAt: number, nowAt: number): boolean => {
    const key = `${index}:${nowAt}`;
    if (failed.has(key)) return false;
    const hunk = hunks[index];
    const gapEnd = hunk ? hunk.startOffset : b.length;
    const gap = b.slice(baseAt, gapEnd);
    let ok = false;
    if (now.startsWith(gap, nowAt)) {
      const afterGap = nowAt + gap.length;
      if (!hunk) ok = afterGap === now.length;
      else {
        const old = b.slice(hunk.startOffset, hunk.endOffset);
        ok =
          (now.startsWith(hunk.text, afterGap) && match(index + 1, hunk.endOffset, afterGap + hunk.text.length)) ||
          (now.startsWith(old, afterGap) && match(index + 1, hunk.endOffset, afterGap + old.length));
      }
    }
    if (!ok) failed.add(key);
    return ok;
  };
  return match(0, 0, 0);
}

/** Equal, or equal once every line break is "\n" (VS Code's model converts inserted text to the file's EOL). */
export function sameText(a: string, b: string): boolean {
  return a === b || normaliseEol(a) === normaliseEol(b);
}

function normaliseEol(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

interface Span {
  startOffset: number;
  endOffset: number;
  text: string;
}

/** Changed runs of lines from the line diff; undefined when the diff is too large to compute. */
function diffSpans(base: string, content: string): Span[] | undefined {
  const changes = libraries().diffLines(base, content, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return undefined;
  const spans: Span[] = [];
  let offset = 0;
  let open: Span | undefined;
  for (const change of changes) {
    if (change.added) {
      open ??= { startOffset: offset, endOffset: offset, text: '' };
      open.text += change.value;
    } else if (change.removed) {
      open ??= { startOffset: offset, endOffset: offset, text: '' };
      offset += change.value.length;
      open.endOffset = offset;
    } else {
      if (open) spans.push(open);
      open = undefined;
      offset += change.value.length;
    }
  }
  if (open) spans.push(open);
  return spans;
}

/** One replacement of everything between the common leading and trailing whole lines. */
function middleSpan(base: string, content: string): Span {
  let prefix = 0;
  const limit = Math.min(base.length, content.length);
  while (prefix < limit && base[prefix] === content[prefix]) prefix++;
  prefix = prefix === 0 ? 0 : base.lastIndexOf('\n', prefix - 1) + 1;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    base[base.length - 1 - suffix] === content[content.length - 1 - suffix]
  ) {
    suffix++;
  }
  // Keep the suffix at a line start in both texts (just after a "\n"), or at the very end.
  while (suffix > 0 && base[base.length - suffix - 1] !== '\n') suffix--;
  return { startOffset: prefix, endOffset: base.length - suffix, text: content.slice(prefix, content.length - suffix) };
}

/** Offset -> line/character over one text, with "\r\n", "\n" and lone "\r" as line breaks. */
class PositionIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  at(offset: number): TextPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - (this.lineStarts[low] ?? 0) };
  }
}
