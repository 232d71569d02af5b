// Recognising the first line of a task in each shape PRPs use. Pure line -> TaskStart functions.
import type { MarkdownOutline } from './markdownOutline';
import { takeStatusMarks, type TaskStatus } from './statusMarks';
import { trimMarks } from './trimMarks';

export interface TaskStart {
  number?: number;
  label: string;
  /** Text after the label, cleaned; may itself be an action (`CREATE src/x.py`). */
  title: string;
  /** Extra text after a bold title (`1. **Models**: the user table`), kept as a detail. */
  rest?: string;
  /** Heading level when the task is a heading (it then ends at the next heading of that level or above). */
  headingLevel?: number;
  /** A status mark on the line (`[x]`, `✅`, `DONE`, `(en progreso)`). */
  status?: TaskStatus;
  /** A bold or list line rather than a `Task N` line or a heading: weaker evidence of a task. */
  inline?: boolean;
  /** The group heading it sits under (`Phase 1: Setup`), set by groupStarts. */
  group?: string;
}

const TASK_WORDS = 'task|タスク|任務|任务|tarea|t[âa]che|aufgabe|tarefa|compito|задача|задание|작업|과제|görev|zadanie|taak|uppgift|oppgave|opgave|tehtävä';
const PREFIX = String.raw`^\s*(?:#{1,6}\s*)?(?:[-*+]\s+)?(?:\[[ xX]\]\s+)?(?:\*\*|__)?`;
/** Cheap pre-check: lines without a task word are never `Task N` lines, whatever marks they carry. */
const TASK_WORD = new RegExp(TASK_WORDS, 'iu');
const TASK_START = new RegExp(
  `${PREFIX}((?:${TASK_WORDS})\\s*(?:\\d+(?:\\.\\d+)*|N))(?![\\p{L}\\p{N}])(?:\\*\\*|__)?\\s*(?:[:：\\-–—.)]|$)(.*)$`,
  'iu',
);
const BOLD_NUMBERED = /^\s{0,3}(\d+)[.)]\s+(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:：\-–—]?\s*(.*)$/;
const NUMBERED_TITLE = /^(\d+(?:\.\d+)+\.?|\d+[.)])\s+(.+)$/;
const WORD_NUMBER = /^(?:\*\*|__)?([^\s\d:：*_#]{1,15}?)\s*(\d+(?:\.\d+)*)(?:\*\*|__)?\s*[:：\-–—.]\s*(.+)$/u;
/** Step words accepted on plain lines; any word is accepted in headings and bold lines. */
const STEP_WORDS = /^(?:step|phase|stage|schritt|phase|étape|etape|paso|passo|fase|etapa|шаг|этап|단계)$/i;
const NUMBERED_ITEM = /^\s{0,1}(\d+)[.)]\s+(.+)$/;
const CHECKBOX_ITEM = /^\s{0,1}[-*+]\s+\[[ xX]\]\s+(.+)$/;

/** Full-width digits and colons (`タスク１：`) read as ASCII. */
export function asciiDigits(line: string): string {
  return line.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A `Task N:` line in any of the languages the planner reads (status marks aside): cheap, for a quick look at a file. */
export function isTaskKeywordLine(line: string): boolean {
  return TASK_WORD.test(line) && TASK_START.test(asciiDigits(line));
}

function cleanTitle(title: string): string {
  return trimMarks(title, ['**', ':', '：']);
}

function headingLevelAt(outline: MarkdownOutline, index: number): number | undefined {
  const h = outline.headingAt[index];
  return h >= 0 ? outline.headings[h].level : undefined;
}

/** `Task 3:`, `### Task 3: Name`, `Task 2 - name:`, `**Task 1**:`, `タスク1:`, `任務 1:`, `Task N:`. */
export function readTaskKeywordStart(outline: MarkdownOutline, index: number): TaskStart | undefined {
  const raw = outline.lines[index];
  if (!TASK_WORD.test(raw)) return undefined;
  const { text, status } = takeStatusMarks(asciiDigits(raw));
  const m = TASK_START.exec(text);
  if (!m) return undefined;
  const label = m[1].replace(/\s+/g, ' ');
  const digits = /(\d+)(?:\.\d+)*$/.exec(label);
  return withStatus({
    number: digits ? Number(digits[1]) : undefined,
    label,
    title: cleanTitle(m[2]),
    headingLevel: headingLevelAt(outline, index),
  }, status);
}

function withStatus(start: TaskStart, status: TaskStatus | undefined): TaskStart {
  return status ? { ...start, status } : start;
}

/** `1.2.` -> label `1.2.`, number 1; `3)` -> `3)`. */
function numberOf(written: string): number {
  return Number(/^\d+/.exec(written)?.[0] ?? 'NaN');
}

function wordLabel(word: string, number: string): string {
  return `${word}${/^[\x20-\x7e]+$/.test(word) ? ' ' : ''}${number}`;
}

/**
 * Shapes accepted only inside an implementation section: `1. **Create models**`, `### 2. Wire routes`,
 * `### Phase 1: Setup`, `**Schritt 1: Modelle**`, `步骤1：创建模型`.
 */
export function readNumberedStart(outline: MarkdownOutline, index: number): TaskStart | undefined {
  const headingLevel = headingLevelAt(outline, index);
  if (headingLevel !== undefined) {
    const { text: title, status } = takeStatusMarks(asciiDigits(outline.headings[outline.headingAt[index]].title));
    const n = NUMBERED_TITLE.exec(title);
    if (n) {
      const label = /[.)]$/.test(n[1]) ? n[1] : `${n[1]}.`;
      return withStatus({ number: numberOf(n[1]), label, title: cleanTitle(n[2]), headingLevel }, status);
    }
    const w = WORD_NUMBER.exec(title);
    if (w) return withStatus({ number: numberOf(w[2]), label: wordLabel(w[1], w[2]), title: cleanTitle(w[3]), headingLevel }, status);
    return undefined;
  }
  const raw = outline.lines[index];
  if (!/[\d０-９]/.test(raw)) return undefined;
  const { text: line, status } = takeStatusMarks(asciiDigits(raw));
  const b = BOLD_NUMBERED.exec(line);
  if (b) return withStatus({ number: Number(b[1]), label: `${b[1]}.`, title: cleanTitle(b[2]), rest: b[3].trim() || undefined, inline: true }, status);
  const w = WORD_NUMBER.exec(line.trim());
  if (w && (/^(?:\*\*|__)/.test(line.trim()) || STEP_WORDS.test(w[1]) || /[^\x20-\x7e]/.test(w[1]))) {
    return withStatus({ number: numberOf(w[2]), label: wordLabel(w[1], w[2]), title: cleanTitle(w[3]), inline: true }, status);
  }
  return undefined;
}

/** Last resort inside an implementation section: a top-level numbered or checkbox list item. */
export function readListItemStart(outline: MarkdownOutline, index: number): TaskStart | undefined {
  const line = outline.lines[index];
  const n = NUMBERED_ITEM.exec(line);
  if (n) return { number: Number(n[1]), label: `${n[1]}.`, title: cleanTitle(n[2]) };
  const c = CHECKBOX_ITEM.exec(line);
  if (c) return { label: '-', title: cleanTitle(c[1]) };
  return undefined;
}
