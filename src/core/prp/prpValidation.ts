// Validation gates: `### Level N: Title` sections (any language) and the commands of their shell fences.
// A validation section without levels still yields one level, from its fences or its back-ticked prose.
import { isCommandLike } from './commandLike';
import type { FenceBlock, FlatSection, MarkdownOutline } from './markdownOutline';
import type { PrpValidationLevel, PrpWarning } from './prp';
import { headingKind, normalizeHeading, type SectionKind } from './sectionKinds';
import { asciiDigits } from './taskStarts';
import { trimMarks } from './trimMarks';

const LEVEL_WORDS = 'level|レベル|nivel|niveau|stufe|livello|级别|級別|层级|層級|уровень|레벨|단계|etapa|seviye|poziom';
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

/** `kinds`: the effective kind of each section of `outline.flat`. */
export function readValidation(outline: MarkdownOutline, kinds: SectionKind[], warnings: PrpWarning[]): PrpValidationLevel[] {
  const levels: PrpValidationLevel[] = [];
  const isLevel = new Set<number>();
  for (const entry of outline.flat) {
    const heading = readLevelHeading(entry.section.title);
    if (!heading) continue;
    isLevel.add(entry.index);
    const commands = commandsIn(outline, entry.start, entry.end);
    if (commands.length === 0) {
      const prose = proseCommands(outline, entry.start, entry.end);
      commands.push(...prose);
      warnings.push({
        line: entry.start + 1,
        message: prose.length > 0
          ? `Level ${heading.level} (line ${entry.start + 1}) has no command block; read ${prose.length} command(s) from its text.`
          : `Level ${heading.level} (line ${entry.start + 1}) has no commands.`,
      });
    }
    levels.push({ level: heading.level, title: heading.title, line: entry.start + 1, commands });
  }

  for (const container of validationContainers(outline, kinds, isLevel)) {
    if (subtreeHasLevel(outline, container, isLevel)) continue;
    levels.push(...levelsWithoutHeadings(outline, container, warnings));
  }

  if (levels.length === 0) {
    warnings.push({ message: 'No validation levels found (looked for a "Validation" section and "Level N" headings).' });
  }
  levels.sort((a, b) => a.line - b.line);
  return dedupeLevels(levels, warnings);
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

/** Sub-sections with command blocks become levels; else the whole section is one level. */
function levelsWithoutHeadings(outline: MarkdownOutline, container: FlatSection, warnings: PrpWarning[]): PrpValidationLevel[] {
  const children = outline.flat.filter((e) => e.parent === container.index);
  const levels: PrpValidationLevel[] = [];
  for (const child of children) {
    const commands = commandsIn(outline, child.start, child.end);
    if (commands.length === 0) continue;
    const n = LEADING_NUMBER.exec(asciiDigits(normalizeHeading(child.section.title)));
    levels.push({ level: n ? Number(n[1]) : levels.length + 1, title: child.section.title, line: child.start + 1, commands });
  }
  if (levels.length > 0) return levels;

  const line = container.start + 1;
  const fenced = commandsIn(outline, container.start, container.end);
  const commands = fenced.length > 0 ? fenced : proseCommands(outline, container.start, container.end);
  if (fenced.length === 0) {
    warnings.push({
      line,
      message: commands.length > 0
        ? `Validation at line ${line} is written as prose; read ${commands.length} command(s) from back-ticked text.`
        : `Validation at line ${line} has no commands.`,
    });
  }
  return [{ level: 1, title: container.section.title, line, commands }];
}

/** Commands of the shell fences between two line indices (unlabelled fences when there is no shell one). */
function commandsIn(outline: MarkdownOutline, start: number, end: number): string[] {
  const fences = fencesBetween(outline, start, end);
  const shell = fences.filter((f) => SHELL_LANGS.has(f.lang));
  const chosen = shell.length > 0 ? shell : fences.filter((f) => f.lang === '' && looksLikeCommands(outline.lines, f));
  return chosen.flatMap((f) => fenceCommands(outline.lines, f));
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

function contentRange(f: FenceBlock): [number, number] {
  return [f.open + 1, f.closed ? f.close - 1 : f.close];
}

function looksLikeCommands(lines: string[], f: FenceBlock): boolean {
  const [from, to] = contentRange(f);
  for (let j = from; j <= to; j++) {
    const t = lines[j].trim();
    if (t === '' || t.startsWith('#')) continue;
    return isCommandLike(t.replace(/^\$\s+/, ''));
  }
  return false;
}

/** One entry per command: comments dropped, `\` continuations joined, heredocs kept whole, `$ ` prompts cut. */
export function fenceCommands(lines: string[], f: FenceBlock): string[] {
  const [from, to] = contentRange(f);
  let prompted = false;
  for (let j = from; j <= to; j++) if (/^\s*\$\s/.test(lines[j])) prompted = true;
  const out: string[] = [];
  let pending = '';
  let heredoc: string | undefined;
  for (let j = from; j <= to; j++) {
    const raw = lines[j];
    if (heredoc !== undefined) {
      pending += `\n${raw}`;
      if (raw.trim() === heredoc) {
        out.push(pending);
        pending = '';
        heredoc = undefined;
      }
      continue;
    }
    let t = withoutComment(raw).trim();
    if (pending === '') {
      if (t === '' || t.startsWith('#')) continue;
      if (prompted) {
        if (!t.startsWith('$')) continue;
        t = t.replace(/^\$\s*/, '');
      }
    }
    const joined = pending === '' ? t : `${pending} ${t}`;
    if (t.endsWith('\\')) {
      pending = joined.slice(0, -1).trimEnd();
      continue;
    }
    const doc = /<<-?\s*['"]?([A-Za-z_]\w*)['"]?/.exec(t);
    if (doc) {
      pending = joined;
      heredoc = doc[1];
      continue;
    }
    out.push(joined);
    pending = '';
  }
  if (pending !== '') out.push(pending);
  return out;
}

/** Cuts a ` # comment` that is outside quotes (`ruff check src/ --fix  # auto-fix` -> `ruff check src/ --fix`). */
function withoutComment(line: string): string {
  let quote = '';
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (quote !== '') {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') k++;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && k > 0 && (line[k - 1] === ' ' || line[k - 1] === '\t')) {
      return line.slice(0, k);
    }
  }
  return line;
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
