// One linear pass over markdown lines: code fences (with recovery from unclosed ones), ATX headings,
// and the section tree. Everything else in the PRP parser reads this instead of re-scanning text.
import type { PrpSection, PrpWarning } from './prp';

/** Longest line the parser looks at; longer lines are cut so no regex sees megabytes. */
export const MAX_LINE = 4000;
/** How many unclosed fences are recovered before the rest of the file is taken as code. */
const MAX_FENCE_RECOVERIES = 100;

export interface FenceBlock {
  /** First word of the info string, lower-case ('' when none). */
  lang: string;
  /** 0-based index of the opening line. */
  open: number;
  /** 0-based index of the last line that belongs to the fence (the closing line when there is one). */
  close: number;
  closed: boolean;
}

export interface Heading {
  index: number;
  level: number;
  title: string;
}

/** A section with its place in the flat, document-ordered list. */
export interface FlatSection {
  section: PrpSection;
  index: number;
  parent: number;
  /** 0-based line index of the heading. */
  start: number;
  /** 0-based index of the section's last line. */
  end: number;
}

export interface MarkdownOutline {
  lines: string[];
  fences: FenceBlock[];
  /** Per line: index into `fences`, or -1 outside any fence. */
  fenceAt: Int32Array;
  headings: Heading[];
  /** Per line: index of the heading at that line, or -1. */
  headingAt: Int32Array;
  flat: FlatSection[];
  /** Per line: innermost section (index into `flat`), or -1 before the first heading. */
  sectionAt: Int32Array;
  roots: PrpSection[];
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
/** A line that is almost surely a markdown heading even inside a runaway code fence. */
const RECOVERY_HEADING = /^#{2,6}[ \t]+\S/;
const FENCE_WITH_INFO = /^\s*(?:`{3,}|~{3,})[ \t]*[\w-]/;

/** Splits text into lines (any line ending), cutting overlong lines. */
export function splitLines(text: string, warnings: PrpWarning[]): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  let warned = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length > MAX_LINE) {
      lines[i] = lines[i].slice(0, MAX_LINE);
      if (!warned) {
        warnings.push({ line: i + 1, message: `Line ${i + 1} is longer than ${MAX_LINE} characters; only its start was read.` });
        warned = true;
      }
    }
  }
  return lines;
}

/** Builds the outline of `lines`, ignoring lines before `bodyStart` (the header block). */
export function buildOutline(lines: string[], bodyStart: number, warnings: PrpWarning[]): MarkdownOutline {
  const fenceAt = new Int32Array(lines.length).fill(-1);
  const headingAt = new Int32Array(lines.length).fill(-1);
  const fences: FenceBlock[] = [];
  const headings: Heading[] = [];
  let recoveries = 0;

  let i = bodyStart;
  while (i < lines.length) {
    const line = lines[i];
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      const fence = readFence(lines, i, open[1], open[2]);
      if (!fence.closed && fence.recoverAt >= 0 && recoveries < MAX_FENCE_RECOVERIES) {
        recoveries++;
        fence.block.close = fence.recoverAt - 1;
        warnings.push({
          line: i + 1,
          message: `Code fence opened at line ${i + 1} is never closed; read it as ending before line ${fence.recoverAt + 1}.`,
        });
      } else if (!fence.closed) {
        warnings.push({ line: i + 1, message: `Code fence opened at line ${i + 1} is never closed; the rest of the file was read as code.` });
      }
      const index = fences.push(fence.block) - 1;
      for (let j = fence.block.open; j <= fence.block.close; j++) fenceAt[j] = index;
      i = fence.block.close + 1;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      headingAt[i] = headings.length;
      headings.push({ index: i, level: heading[1].length, title: cleanHeadingText(heading[2] ?? '') });
    }
    i++;
  }

  const { flat, roots, sectionAt } = buildSections(headings, lines.length);
  return { lines, fences, fenceAt, headings, headingAt, flat, sectionAt, roots };
}

function readFence(
  lines: string[],
  open: number,
  marker: string,
  info: string,
): { block: FenceBlock; closed: boolean; recoverAt: number } {
  const lang = (info.trim().split(/\s+/)[0] ?? '').replace(/^[{.]+|[}]+$/g, '').toLowerCase();
  const char = marker[0];
  const nests = lang === 'markdown' || lang === 'md';
  let recoverAt = -1;
  for (let j = open + 1; j < lines.length; j++) {
    const trimmed = lines[j].trim();
    if (trimmed.length >= marker.length && trimmed[0] === char && isClosingFence(trimmed, char, marker.length)) {
      return { block: { lang, open, close: j, closed: true }, closed: true, recoverAt };
    }
    if (recoverAt < 0 && RECOVERY_HEADING.test(lines[j])) recoverAt = j;
    // A heading and then a new ```lang opener: this fence was never closed, and the opener's own
    // closing line would otherwise close it.
    else if (recoverAt >= 0 && !nests && FENCE_WITH_INFO.test(lines[j])) break;
  }
  if (recoverAt >= 0 && !nests) {
    return { block: { lang, open, close: lines.length - 1, closed: false }, closed: false, recoverAt };
  }
  return { block: { lang, open, close: lines.length - 1, closed: false }, closed: false, recoverAt };
}

function isClosingFence(trimmed: string, char: string, minLength: number): boolean {
  let n = 0;
  while (n < trimmed.length && trimmed[n] === char) n++;
  return n >= minLength && trimmed.slice(n).trim() === '';
}

/** Drops a closing `###` sequence and surrounding blanks. */
function cleanHeadingText(text: string): string {
  const t = text.trim();
  let end = t.length;
  while (end > 0 && t[end - 1] === '#') end--;
  if (end === 0) return '';
  return end < t.length && (t[end - 1] === ' ' || t[end - 1] === '\t') ? t.slice(0, end).trim() : t;
}

function buildSections(
  headings: Heading[],
  lineCount: number,
): { flat: FlatSection[]; roots: PrpSection[]; sectionAt: Int32Array } {
  const flat: FlatSection[] = [];
  const roots: PrpSection[] = [];
  const stack: FlatSection[] = [];
  for (const h of headings) {
    while (stack.length > 0 && stack[stack.length - 1].section.level >= h.level) {
      const done = stack.pop() as FlatSection;
      done.end = h.index - 1;
      done.section.endLine = h.index;
    }
    const section: PrpSection = { title: h.title, level: h.level, line: h.index + 1, endLine: lineCount, children: [] };
    const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
    const entry: FlatSection = { section, index: flat.length, parent: parent ? parent.index : -1, start: h.index, end: lineCount - 1 };
    if (parent) parent.section.children.push(section);
    else roots.push(section);
    flat.push(entry);
    stack.push(entry);
  }

  const sectionAt = new Int32Array(lineCount).fill(-1);
  for (let k = 0; k < flat.length; k++) {
    const next = k + 1 < flat.length ? flat[k + 1].start : lineCount;
    for (let j = flat[k].start; j < next; j++) sectionAt[j] = k;
  }
  return { flat, roots, sectionAt };
}
