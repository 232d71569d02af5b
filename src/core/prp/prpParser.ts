// The tolerant PRP parser: markdown text in, Prp out, never an exception. What it cannot read
// becomes a warning; see /work/shared/notes/prp-format.md for the shapes it accepts.
import { buildOutline, splitLines, type MarkdownOutline } from './markdownOutline';
import { UNTITLED_PRP, type Prp, type PrpSection, type PrpWarning } from './prp';
import { readHeader } from './prpHeader';
import { readChecklist, readSuccessCriteria } from './prpLists';
import { readTasks } from './prpTasks';
import { readLevelHeading, readValidation } from './prpValidation';
import { headingKind, lineKinds, normalizeHeading, sectionKinds, type SectionKind } from './sectionKinds';
import { readNumberedStart, readTaskKeywordStart } from './taskStarts';

const MAX_WARNINGS = 200;

export function parsePrp(text: string): Prp {
  const warnings: PrpWarning[] = [];
  try {
    return parse(typeof text === 'string' ? text : String(text ?? ''), warnings);
  } catch (err) {
    warnings.push({ message: `Could not read the PRP: ${err instanceof Error ? err.message : String(err)}` });
    return emptyPrp(warnings);
  }
}

function emptyPrp(warnings: PrpWarning[], lineCount = 0): Prp {
  return {
    title: UNTITLED_PRP,
    header: { source: 'none', fields: {} },
    sections: [],
    tasks: [],
    successCriteria: [],
    validationLevels: [],
    checklist: [],
    warnings,
    lineCount,
  };
}

function parse(input: string, warnings: PrpWarning[]): Prp {
  const text = cleanInput(input, warnings);
  if (text.trim() === '') {
    warnings.push({ message: 'The PRP is empty.' });
    return emptyPrp(warnings, text === '' ? 0 : splitLines(text, []).length);
  }
  const lines = splitLines(text, warnings);
  const head = readHeader(lines, warnings);
  const outline = buildOutline(lines, head.bodyStart, warnings);
  const kinds = sectionKinds(outline, forcedKinds(outline));
  const perLine = lineKinds(outline, kinds);

  duplicateSections(outline.roots, warnings);
  const tasks = readTasks(outline, perLine, head.bodyStart, warnings);
  const validationLevels = readValidation(outline, kinds, warnings);

  return {
    title: titleOf(head.header.name ?? head.header.fields.title, head.titleAbove, outline),
    header: head.header,
    sections: outline.roots,
    tasks,
    successCriteria: readSuccessCriteria(outline, kinds),
    validationLevels,
    checklist: readChecklist(outline, kinds),
    warnings: sortWarnings(warnings),
    lineCount: lines.length,
  };
}

/** Drops a BOM and NUL bytes; warns when the text looks binary. */
function cleanInput(text: string, warnings: PrpWarning[]): string {
  let out = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sample = out.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  if (sample.includes('\u0000') || control > sample.length / 10) {
    warnings.push({ message: `The file looks binary (${control} control characters in its first ${sample.length}); read what text it has.` });
  }
  if (out.includes('\u0000')) out = out.split('\u0000').join('');
  return out;
}

/** Task and level headings are known from their shape, whatever words they use. */
function forcedKinds(outline: MarkdownOutline): Map<number, SectionKind> {
  const forced = new Map<number, SectionKind>();
  for (const entry of outline.flat) {
    if (readTaskKeywordStart(outline, entry.start)) forced.set(entry.index, 'tasks');
    else if (readLevelHeading(entry.section.title)) forced.set(entry.index, 'validation');
  }
  // `### 2. Wire routes` under an implementation heading is a task, even if it says "validation".
  const first = sectionKinds(outline, forced);
  for (const entry of outline.flat) {
    if (forced.has(entry.index) || entry.parent < 0 || first[entry.parent] !== 'tasks') continue;
    const own = headingKind(entry.section.title);
    if (own !== 'noise' && own !== 'report' && readNumberedStart(outline, entry.start)) forced.set(entry.index, 'tasks');
  }
  // A build check between two tasks of the list is a step of the list, not a validation gate.
  const lastTaskChild = new Map<number, number>();
  for (const entry of outline.flat) if (entry.parent >= 0 && forced.get(entry.index) === 'tasks') lastTaskChild.set(entry.parent, entry.index);
  for (const entry of outline.flat) {
    if (forced.has(entry.index) || entry.parent < 0 || first[entry.parent] !== 'tasks' || headingKind(entry.section.title) !== 'validation') continue;
    if ((lastTaskChild.get(entry.parent) ?? -1) > entry.index) forced.set(entry.index, 'tasks');
  }
  return forced;
}

function duplicateSections(siblings: PrpSection[], warnings: PrpWarning[]): void {
  const seen = new Map<string, PrpSection>();
  for (const section of siblings) {
    const key = normalizeHeading(section.title);
    const first = key === '' ? undefined : seen.get(key);
    if (first) {
      warnings.push({ line: section.line, message: `Section "${section.title}" appears twice (lines ${first.line} and ${section.line}).` });
    } else if (key !== '') {
      seen.set(key, section);
    }
    duplicateSections(section.children, warnings);
  }
}

function titleOf(name: string | undefined, titleAbove: string | undefined, outline: MarkdownOutline): string {
  if (name && name.trim() !== '') return name.trim();
  if (titleAbove) return titleAbove;
  const h1 = outline.headings.find((h) => h.level === 1 && h.title !== '');
  return h1 ? h1.title : UNTITLED_PRP;
}

/** In line order (file-wide warnings last), at most MAX_WARNINGS of them. */
function sortWarnings(warnings: PrpWarning[]): PrpWarning[] {
  const sorted = warnings
    .map((w, k) => ({ w, k }))
    .sort((a, b) => (a.w.line ?? Number.MAX_SAFE_INTEGER) - (b.w.line ?? Number.MAX_SAFE_INTEGER) || a.k - b.k)
    .map((x) => x.w);
  if (sorted.length <= MAX_WARNINGS) return sorted;
  const kept = sorted.slice(0, MAX_WARNINGS);
  kept.push({ message: `${sorted.length - MAX_WARNINGS} more warnings not shown.` });
  return kept;
}
