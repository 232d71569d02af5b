// Reads the implementation tasks, trying the PRP shapes from the most to the least explicit:
// `Task N` entries, numbered phases in the implementation section, bare action lines, plain list items.
import { humanVerb, readActionLine, type ActionLine } from './actionLine';
import type { MarkdownOutline } from './markdownOutline';
import { pathsInText } from './pathLike';
import type { PrpAction, PrpTask, PrpWarning } from './prp';
import type { SectionKind } from './sectionKinds';
import { readListItemStart, readNumberedStart, readTaskKeywordStart, type TaskStart } from './taskStarts';

/** Fences whose content may hold a task list (the v2/v3 templates put it in ```yaml). */
const TASK_FENCE_LANGS = new Set(['', 'yaml', 'yml', 'text', 'txt', 'plain', 'plaintext', 'markdown', 'md', 'none', 'tasks', 'todo']);
const OUT_OF_DOC: ReadonlySet<SectionKind> = new Set<SectionKind>(['noise', 'report', 'validation', 'checklist', 'success']);
const BULLET = /^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/;
const MAX_TITLE = 160;

type LinePredicate = (index: number) => boolean;

interface OpenAction {
  action: PrpAction;
  indent: number;
  fromTaskLine: boolean;
}

interface Building {
  start: TaskStart;
  index: number;
  fence: number;
  bare: boolean;
  bareIndent: number;
  titleIsAction: boolean;
  actions: PrpAction[];
  details: string[];
  last?: OpenAction;
}

interface Attempt {
  tasks: PrpTask[];
  warnings: PrpWarning[];
}

export function readTasks(outline: MarkdownOutline, kinds: SectionKind[], bodyStart: number, warnings: PrpWarning[]): PrpTask[] {
  const inRegion: LinePredicate = (i) => kinds[i] === 'tasks';
  const inDoc: LinePredicate = (i) => !OUT_OF_DOC.has(kinds[i]);
  const reader = new TaskAssembler(outline, bodyStart);

  const attempts: Array<() => Attempt | undefined> = [
    () => {
      const all = reader.collect(inDoc, readTaskKeywordStart);
      const region = new Map([...all].filter(([i]) => inRegion(i)));
      if (region.size > 0) return reader.assemble(region, inRegion, false);
      return all.size > 0 ? reader.assemble(all, inDoc, false) : undefined;
    },
    () => {
      const starts = reader.collect(inRegion, readNumberedStart);
      return starts.size > 0 ? reader.assemble(starts, inRegion, false) : undefined;
    },
    () => reader.assemble(new Map(), inRegion, false),
    () => reader.assemble(new Map(), inDoc, true),
    () => {
      const starts = reader.collect((i) => inRegion(i) && outline.fenceAt[i] < 0, readListItemStart);
      return starts.size > 0 ? reader.assemble(starts, inRegion, false) : undefined;
    },
  ];
  for (const attempt of attempts) {
    const result = attempt();
    if (result && result.tasks.length > 0) {
      for (const w of result.warnings) warnings.push(w);
      return dedupeByNumber(result.tasks, warnings);
    }
  }
  warnings.push({
    message: 'No implementation tasks found (looked for "Task N:" entries, "CREATE path" action lines, and numbered steps under an implementation heading).',
  });
  return [];
}

class TaskAssembler {
  constructor(
    private readonly outline: MarkdownOutline,
    private readonly bodyStart: number,
  ) {}

  /** Lines that may hold task text: outside fences, or inside fences that hold task lists. */
  usable(i: number): boolean {
    const f = this.outline.fenceAt[i];
    if (f < 0) return true;
    const fence = this.outline.fences[f];
    if (i === fence.open || (fence.closed && i === fence.close)) return false;
    return TASK_FENCE_LANGS.has(fence.lang);
  }

  collect(scope: LinePredicate, read: (o: MarkdownOutline, i: number) => TaskStart | undefined): Map<number, TaskStart> {
    const found = new Map<number, TaskStart>();
    for (let i = this.bodyStart; i < this.outline.lines.length; i++) {
      if (!scope(i) || !this.usable(i)) continue;
      const start = read(this.outline, i);
      if (start) found.set(i, start);
    }
    return found;
  }

  assemble(starts: Map<number, TaskStart>, scope: LinePredicate, actionsNeedPath: boolean): Attempt {
    const tasks: PrpTask[] = [];
    const warnings: PrpWarning[] = [];
    const { outline } = this;
    let cur: Building | undefined;
    const close = (): void => {
      if (cur) tasks.push(finishTask(cur, warnings));
      cur = undefined;
    };

    for (let i = this.bodyStart; i < outline.lines.length; i++) {
      const start = starts.get(i);
      if (start) {
        close();
        cur = this.open(start, i, warnings);
        continue;
      }
      const h = outline.headingAt[i];
      if (h >= 0) {
        if (cur && (cur.start.headingLevel === undefined || outline.headings[h].level <= cur.start.headingLevel)) close();
        continue;
      }
      if (!scope(i)) {
        close();
        continue;
      }
      if (!this.usable(i)) continue;
      if (cur && cur.fence >= 0 && outline.fenceAt[i] !== cur.fence) close();
      cur = this.readLine(cur, i, actionsNeedPath, warnings, close);
    }
    close();
    return { tasks, warnings };
  }

  private open(start: TaskStart, i: number, warnings: PrpWarning[]): Building {
    const task: Building = {
      start,
      index: i,
      fence: start.headingLevel === undefined ? this.outline.fenceAt[i] : -1,
      bare: false,
      bareIndent: 0,
      titleIsAction: false,
      actions: [],
      details: start.rest ? [start.rest] : [],
    };
    const action = start.title ? readActionLine(start.title) : undefined;
    if (action) {
      task.titleIsAction = true;
      addAction(task, action, i, indentOf(this.outline.lines[i]), true, warnings);
    }
    return task;
  }

  /** Adds line `i` to the task being built (or starts a bare-action task); returns the task now open. */
  private readLine(
    cur: Building | undefined,
    i: number,
    actionsNeedPath: boolean,
    warnings: PrpWarning[],
    close: () => void,
  ): Building | undefined {
    const line = this.outline.lines[i];
    const text = line.trim();
    if (text === '') return cur;
    const indent = indentOf(line);
    const last = cur?.last;
    const bullet = BULLET.exec(line);
    if (bullet) {
      const content = bullet[2].trim();
      if (!cur || content === '') return cur;
      if (last && (indent > last.indent || (last.fromTaskLine && indent >= last.indent))) {
        last.action.details.push(content);
        return cur;
      }
      const action = readActionLine(content);
      if (action && action.path !== '') addAction(cur, action, i, indent, false, warnings);
      else cur.details.push(content);
      return cur;
    }
    if (cur && last && indent > last.indent) {
      last.action.details.push(text);
      return cur;
    }
    const action = readActionLine(text);
    // A path-less bare action (`RUN full test suite`) only counts inside a task-list fence, not in prose.
    const pathless = action !== undefined && action.path === '' && (actionsNeedPath || (!cur && this.outline.fenceAt[i] < 0));
    if (action && !pathless) {
      if (!cur || (cur.bare && indent <= cur.bareIndent)) {
        close();
        const bare: Building = {
          start: { label: action.verb, title: '' },
          index: i,
          fence: this.outline.fenceAt[i],
          bare: true,
          bareIndent: indent,
          titleIsAction: true,
          actions: [],
          details: [],
        };
        addAction(bare, action, i, indent, false, warnings);
        return bare;
      }
      addAction(cur, action, i, indent, false, warnings);
      return cur;
    }
    if (cur) cur.details.push(text);
    return cur;
  }
}

function addAction(task: Building, read: ActionLine, i: number, indent: number, fromTaskLine: boolean, warnings: PrpWarning[]): void {
  const action: PrpAction = { verb: read.verb, path: read.path, text: read.text, details: [], line: i + 1 };
  if (read.writtenVerb) {
    warnings.push({ line: i + 1, message: `Line ${i + 1}: read verb "${read.writtenVerb}" as ${read.verb}.` });
  }
  task.actions.push(action);
  task.last = { action, indent, fromTaskLine };
}

function finishTask(b: Building, warnings: PrpWarning[]): PrpTask {
  const files: string[] = [];
  for (const a of b.actions) if (a.path !== '' && !files.includes(a.path)) files.push(a.path);
  const explicit = b.titleIsAction ? '' : b.start.title;
  if (files.length === 0) {
    const text = [explicit, ...b.details, ...b.actions.flatMap((a) => [a.text, ...a.details])].join('\n');
    for (const p of pathsInText(text)) if (!files.includes(p)) files.push(p);
  }
  let title = explicit || titleFromActions(b.actions) || b.details[0] || '';
  if (title === '') {
    title = b.start.label;
    warnings.push({ line: b.index + 1, message: `${b.start.label} (line ${b.index + 1}) has no content.` });
  }
  if (title.length > MAX_TITLE) title = `${title.slice(0, MAX_TITLE - 1)}…`;
  return {
    number: b.start.number,
    label: b.start.label,
    title,
    actions: b.actions,
    details: b.details,
    files,
    line: b.index + 1,
  };
}

/** "Create src/a.ts", "Modify src/app.ts and src/db.ts", "Modify src/x.py, create src/y.py". */
function titleFromActions(actions: PrpAction[]): string {
  if (actions.length === 0) return '';
  const parts = actions.map((a) => `${humanVerb(a.verb)} ${a.path || a.text}`.trim());
  const verbs = new Set(actions.map((a) => a.verb));
  if (verbs.size === 1 && actions.every((a) => a.path !== '')) {
    return `${humanVerb(actions[0].verb)} ${joinList(actions.map((a) => a.path))}`;
  }
  return parts.map((p, k) => (k > 0 && /^[A-Z][a-z]/.test(p) ? p[0].toLowerCase() + p.slice(1) : p)).join(', ');
}

function joinList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ') n++;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

/** A copy-pasted task is read once; two different tasks sharing a number are both kept. */
function dedupeByNumber(tasks: PrpTask[], warnings: PrpWarning[]): PrpTask[] {
  const seen = new Map<string, PrpTask>();
  const out: PrpTask[] = [];
  for (const task of tasks) {
    if (task.number === undefined) {
      out.push(task);
      continue;
    }
    const key = `${task.label}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, task);
      out.push(task);
      continue;
    }
    if (sameTask(first, task)) {
      warnings.push({ line: task.line, message: `${task.label} at line ${task.line} repeats the one at line ${first.line}; read once.` });
    } else {
      warnings.push({ line: task.line, message: `Two tasks are labelled "${task.label}" (lines ${first.line} and ${task.line}); kept both.` });
      out.push(task);
    }
  }
  return out;
}

function sameTask(a: PrpTask, b: PrpTask): boolean {
  const shape = (t: PrpTask): string =>
    JSON.stringify([t.title, t.files, t.details, t.actions.map((x) => [x.verb, x.path, x.text, x.details])]);
  return shape(a) === shape(b);
}
