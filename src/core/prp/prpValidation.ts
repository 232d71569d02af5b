// Validation gates: `### Level N: Title` sections (any language) and the commands of their shell fences.
// A validation section without levels still yields one level, from its fences or its back-ticked prose.
import { counted } from '../text/plural';
import { isCommandLike } from './shell/commandShape';
import { readShellBlock, type DroppedLine, type ShellBlock } from './shell/shellCommands';
import type { FenceBlock, FlatSection, MarkdownOutline } from './markdownOutline';
import type { PrpValidationLevel, PrpWarning } from './prp';
import { headingKind, normalizeHeading, type SectionKind } from './sectionKinds';
import { asciiDigits } from './taskStarts';
import { trimMarks } from './trimMarks';

const LEVEL_WORDS = 'level|レベル|n[ií]vel|niveau|stufe|livello|级别|級別|层级|層級|уровень|레벨|단계|etapa|seviye|poziom';
const LEVEL_HEADING = new RegExp(`^(?:\\*\\*)?(?:${LEVEL_WORDS})\\s*(\\d+)(?![\\p{N}])(?:\\*\\*)?\\s*(?:[:：\\-–—.)]\\s*)?(.*)$`, 'iu');
const LEADING_NUMBER = /^(?:[^\s\d]{1,12}\s*)?(\d+)\s*[:：.)\-–—]/u;
const SHELL_LANGS = new Set([
  'bash', 'sh', 'shell', 'zsh', 'fish', 'console', 'shell-session', 'sh-session', 'terminal', 'cmd', 'bat', 'batch',
  'powershell', 'pwsh', 'ps', 'ps1', 'command', 'commands',
]);

export interface LevelHeading {
  level: number;
  title: string;
}

/** `Level 2: Unit Tests`, `レベル1: 構文とスタイル`, `✅ Level 3 - Integration`. */
export function readLevelHeading(title: string): LevelHeading | undefined {
  const clean = asciiDigits(title.replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}]/gu, '')).trim();
  const m = LEVEL_HEADING.exec(clean);
  if (!m) return undefined;
  const level = Number(m[1]);
  return { level, title: trimMarks(m[2], ['**', ':', '：']) || `Level ${level}` };
}

type DroppedLines = Map<number, DroppedLine>;

/** `kinds`: the effective kind of each section of `outline.flat`. */
export function readValidation(outline: MarkdownOutline, kinds: SectionKind[], warnings: PrpWarning[]): PrpValidationLevel[] {
  const levels: PrpValidationLevel[] = [];
  const isLevel = new Set<number>();
  const dropped: DroppedLines = new Map();
  for (const entry of outline.flat) {
    const heading = readLevelHeading(entry.section.title);
    if (!heading || kinds[entry.index] !== 'validation') continue;
    isLevel.add(entry.index);
    const commands = commandsIn(outline, entry.start, entry.end, dropped);
    if (commands.length === 0) {
      const prose = proseCommands(outline, entry.start, entry.end);
      commands.push(...prose);
      warnings.push({
        line: entry.start + 1,
        message: prose.length > 0
          ? `Level ${heading.level} (line ${entry.start + 1}) has no command block; read ${counted(prose.length, 'command')} from its text.`
          : `Level ${heading.level} (line ${entry.start + 1}) has no commands.`,
      });
    }
    levels.push({ level: heading.level, title: heading.title, line: entry.start + 1, commands });
  }

  for (const container of validationContainers(outline, kinds, isLevel)) {
    if (subtreeHasLevel(outline, container, isLevel)) continue;
    levels.push(...levelsWithoutHeadings(outline, container, dropped, warnings));
  }

  for (const d of [...dropped.values()].sort((a, b) => a.line - b.line)) {
    warnings.push({
      line: d.line + 1,
      message: `Line ${d.line + 1}: "${shorten(d.text)}" is not a command (${d.reason}); left out of the validation commands. Make it a # comment or move it out of the shell block.`,
    });
  }
  if (levels.length === 0) {
    warnings.push({ message: 'No validation levels found (looked for a "Validation" section and "Level N" headings).' });
  }
  levels.sort((a, b) => a.line - b.line);
  return dedupeLevels(levels, warnings);
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Top-most sections whose heading says validation (and that are not levels themselves). */
function validationContainers(outline: MarkdownOutline, kinds: SectionKind[], isLevel: Set<number>): FlatSection[] {
  const out: FlatSection[] = [];
  const inside = new Set<number>();
  for (const entry of outline.flat) {
    if (entry.parent >= 0 && inside.has(entry.parent)) {
      inside.add(entry.index);
      continue;
    }
    if (!isLevel.has(entry.index) && kinds[entry.index] === 'validation' && headingKind(entry.section.title) === 'validation') {
      out.push(entry);
      inside.add(entry.index);
    }
  }
  return out;
}

function subtreeHasLevel(outline: MarkdownOutline, container: FlatSection, isLevel: Set<number>): boolean {
  for (let k = container.index + 1; k < outline.flat.length && outline.flat[k].start <= container.end; k++) {
    if (isLevel.has(k)) return true;
  }
  return false;
}

/**
 * Sub-sections with command blocks become levels; else the whole section is one level. A section
 * that only mentions validation and holds no command gives no level.
 */
function levelsWithoutHeadings(outline: MarkdownOutline, container: FlatSection, dropped: DroppedLines, warnings: PrpWarning[]): PrpValidationLevel[] {
  const children = outline.flat.filter((e) => e.parent === container.index);
  const levels: PrpValidationLevel[] = [];
  for (const child of children) {
    const commands = commandsIn(outline, child.start, child.end, dropped);
    if (commands.length === 0) continue;
    const n = LEADING_NUMBER.exec(asciiDigits(normalizeHeading(child.section.title)));
    levels.push({ level: n ? Number(n[1]) : levels.length + 1, title: child.section.title, line: child.start + 1, commands });
  }
  if (levels.length > 0) return levels;

  const line = container.start + 1;
  const fenced = commandsIn(outline, container.start, container.end, dropped);
  if (fenced.length > 0) return [{ level: 1, title: container.section.title, line, commands: fenced }];
  const prose = proseCommands(outline, container.start, container.end);
  if (prose.length === 0) return [];
  warnings.push({ line, message: `Validation at line ${line} is written as prose; read ${counted(prose.length, 'command')} from back-ticked text.` });
  return [{ level: 1, title: container.section.title, line, commands: prose }];
}

/** Commands of the shell fences between two line indices (unlabelled fences when there is no shell one). */
function commandsIn(outline: MarkdownOutline, start: number, end: number, dropped: DroppedLines): string[] {
  const fences = fencesBetween(outline, start, end);
  const shell = fences.filter((f) => SHELL_LANGS.has(f.lang));
  if (shell.length > 0) {
    return shell.flatMap((f) => {
      const block = fenceBlock(outline.lines, f);
      for (const d of block.dropped) dropped.set(d.line, d);
      return block.commands.map((c) => c.text);
    });
  }
  return fences.filter((f) => f.lang === '').flatMap((f) => {
    const block = fenceBlock(outline.lines, f);
    const allCommands = block.commands.length > 0 && block.dropped.length === 0 && block.commands.every((c) => isCommandLike(c.text.split('\n')[0]));
    return allCommands ? block.commands.map((c) => c.text) : [];
  });
}

function fencesBetween(outline: MarkdownOutline, start: number, end: number): FenceBlock[] {
  const out: FenceBlock[] = [];
  let last = -1;
  for (let i = start; i <= end && i < outline.lines.length; i++) {
    const f = outline.fenceAt[i];
    if (f >= 0 && f !== last) {
      out.push(outline.fences[f]);
      last = f;
    }
  }
  return out;
}

/** The commands of one fence, as written: see readShellBlock. */
export function fenceBlock(lines: string[], f: FenceBlock): ShellBlock {
  return readShellBlock(lines, f.open + 1, f.closed ? f.close - 1 : f.close);
}

/** One entry per command, as written (multi-line constructs whole, `\` continuations joined). */
export function fenceCommands(lines: string[], f: FenceBlock): string[] {
  return fenceBlock(lines, f).commands.map((c) => c.text);
}

/** Back-ticked commands in the text (not the fences) between two line indices. */
function proseCommands(outline: MarkdownOutline, start: number, end: number): string[] {
  const out: string[] = [];
  for (let i = start + 1; i <= end && i < outline.lines.length; i++) {
    if (outline.fenceAt[i] >= 0) continue;
    for (const m of outline.lines[i].matchAll(/`([^`]+)`/g)) {
      const cmd = m[1].trim();
      if (isCommandLike(cmd) && !out.includes(cmd)) out.push(cmd);
    }
  }
  return out;
}

/** A copy-pasted level is read once; two different levels with one number are both kept. */
function dedupeLevels(levels: PrpValidationLevel[], warnings: PrpWarning[]): PrpValidationLevel[] {
  const seen = new Map<number, PrpValidationLevel>();
  const out: PrpValidationLevel[] = [];
  for (const level of levels) {
    const first = seen.get(level.level);
    if (!first) {
      seen.set(level.level, level);
      out.push(level);
    } else if (first.title === level.title && JSON.stringify(first.commands) === JSON.stringify(level.commands)) {
      warnings.push({ line: level.line, message: `Level ${level.level} at line ${level.line} repeats the one at line ${first.line}; read once.` });
    } else {
      warnings.push({ line: level.line, message: `Two validation levels are numbered ${level.level} (lines ${first.line} and ${level.line}); kept both.` });
      out.push(level);
    }
  }
  return out;
}
