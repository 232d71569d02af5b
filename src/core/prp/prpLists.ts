// The success criteria and the final validation checklist: list items of the sections that hold them.
import { isCommandLike } from './shell/commandShape';
import type { MarkdownOutline } from './markdownOutline';
import type { PrpChecklistItem, PrpCriterion } from './prp';
import { headingKind, type SectionKind } from './sectionKinds';
import { trimMarks } from './trimMarks';

const ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[([ xX])\]\s+)?(.+)$/;

interface ListItem {
  text: string;
  checked: boolean;
  index: number;
}

function itemsOfKind(outline: MarkdownOutline, kinds: SectionKind[], kind: SectionKind): ListItem[] {
  const out: ListItem[] = [];
  for (let i = 0; i < outline.lines.length; i++) {
    const s = outline.sectionAt[i];
    if (s < 0 || kinds[s] !== kind || outline.fenceAt[i] >= 0) continue;
    const m = ITEM.exec(outline.lines[i]);
    if (!m) continue;
    const text = m[2].trim();
    if (text !== '') out.push({ text, checked: m[1] === 'x' || m[1] === 'X', index: i });
  }
  return out;
}

export function readSuccessCriteria(outline: MarkdownOutline, kinds: SectionKind[]): PrpCriterion[] {
  return itemsOfKind(outline, kinds, 'success').map((item) => ({ text: item.text, checked: item.checked, line: item.index + 1 }));
}

export function readChecklist(outline: MarkdownOutline, kinds: SectionKind[]): PrpChecklistItem[] {
  return itemsOfKind(outline, kinds, 'checklist').map((item) => {
    const section = outline.flat[outline.sectionAt[item.index]].section;
    const entry: PrpChecklistItem = { ...splitCommand(item.text), checked: item.checked, line: item.index + 1 };
    if (headingKind(section.title) !== 'checklist') entry.group = section.title;
    return entry;
  });
}

/** "All tests pass: `npx vitest run`" -> label "All tests pass", command "npx vitest run". */
export function splitCommand(text: string): { label: string; command?: string } {
  const trailing = trailingSpan(text);
  if (!trailing) return { label: text };
  const before = trimMarks(trailing.before, [], [':', '：', '-', '–', '—']);
  const separated = before.length < trailing.before.trimEnd().length;
  if (separated && before !== '' && !before.includes('`') && isCommandLike(trailing.span)) {
    return { label: trimMarks(before, ['**']), command: trailing.span.trim() };
  }
  if (isCommandLike(trailing.span)) {
    return { label: before === '' ? trailing.span.trim() : text, command: trailing.span.trim() };
  }
  return { label: text };
}

/** The back-ticked span that ends `text` (a final full stop allowed), and the text before it. */
function trailingSpan(text: string): { before: string; span: string } | undefined {
  let end = text.trimEnd();
  if (end.endsWith('.')) end = end.slice(0, -1).trimEnd();
  if (!end.endsWith('`')) return undefined;
  const open = end.lastIndexOf('`', end.length - 2);
  if (open < 0 || open === end.length - 2) return undefined;
  return { before: end.slice(0, open), span: end.slice(open + 1, -1) };
}
