// Reads the implementation tasks, trying the PRP shapes from the most to the least explicit:
// `Task N` entries, numbered phases in the implementation section, bare action lines, plain list items.
import { humanVerb, isKnownVerb, readActionLine, type ActionLine } from './actionLine';
import type { MarkdownOutline } from './markdownOutline';
import { pathsInText } from './pathLike';
import type { PrpAction, PrpTask, PrpWarning } from './prp';
import type { SectionKind } from './sectionKinds';
import { dedupeTasks, groupStarts } from './taskGroups';
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
  /** Code blocks inside the task (illustrations when they are all a bold line has). */
  codeBlocks: number;
  titleIsAction: boolean;
  actions: PrpAction[];
  details: string[];
  last?: OpenAction;
}

interface Attempt {
  tasks: PrpTask[];
  /** Per task: the stretch of consecutive tasks it belongs to (a heading or other section ends a stretch). */
  runs: number[];
  warnings: PrpWarning[];
}

export function readTasks(outline: MarkdownOutline, kinds: SectionKind[], bodyStart: number, warnings: PrpWarning[]): PrpTask[] {
  const inRegion: LinePredicate = (i) => kinds[i] === 'tasks';
  const inDoc: LinePredicate = (i) => !OUT_OF_DOC.has(kinds[i]);
  const reader = new TaskAssembler(outline, bodyStart);

  const attempts: Array<() => Attempt | undefined> = [
    () => {
      const all = groupStarts(outline, reader.collect(inDoc, readTaskKeywordStart));
      const region = new Map([...all].filter(([i]) => inRegion(i)));
      if (region.size > 0) return reader.assemble(region, inRegion, false);
      return all.size > 0 ? reader.assemble(all, inDoc, false) : undefined;
    },
    () => {
      const starts = groupStarts(outline, reader.collect(inRegion, readNumberedStart));
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
      return dedupeTasks(result.tasks, result.runs, warnings);
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
    const runs: number[] = [];
    const warnings: PrpWarning[] = [];
    const { outline } = this;
    let cur: Building | undefined;
    let run = 0;
    let gap = false;
    let lastLevel = 7;
    const close = (): void => {
      if (cur && !isIllustration(cur)) {
        tasks.push(finishTask(cur, warnings));
        runs.push(run);
      }
      cur = undefined;
    };

    for (let i = this.bodyStart; i < outline.lines.length; i++) {
      const start = starts.get(i);
      if (start) {
        close();
        if (gap) run++;
        gap = false;
        lastLevel = start.headingLevel ?? 0;
        cur = this.open(start, i, warnings);
        continue;
      }
      const h = outline.headingAt[i];
      if (h >= 0) {
        const level = outline.headings[h].level;
        if (cur && (cur.start.headingLevel === undefined || level <= cur.start.headingLevel)) close();
        if (lastLevel === 0 || level <= lastLevel) gap = true;
        continue;
      }
      if (!scope(i)) {
        close();
        gap = true;
        continue;
      }
      const f = outline.fenceAt[i];
      if (cur && f >= 0 && outline.fences[f].open === i && !this.usable(i + 1)) cur.codeBlocks++;
      if (!this.usable(i)) continue;
      if (cur && cur.fence >= 0 && outline.fenceAt[i] !== cur.fence) close();
      cur = this.readLine(cur, i, actionsNeedPath, warnings, close);
    }
    close();
    return { tasks, runs, warnings };
  }

  private open(start: TaskStart, i: number, warnings: PrpWarning[]): Building {
    const task: Building = {
      start,
      index: i,
      fence: start.headingLevel === undefined ? this.outline.fenceAt[i] : -1,
      bare: false,
      bareIndent: 0,
      codeBlocks: 0,
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
          codeBlocks: 0,
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

/**
 * A `KEY: value` bullet about the task (`FOLLOW pattern: src/x.py`, `MIRROR pattern from: ...`,
 * `DEPENDENCIES: Node.js 18+`): the files it names are references, not files the task changes. Keys that
 * name the files themselves (`FILES:`, `CREATE:`) are not annotations.
 */
function isAnnotation(detail: string): boolean {
  const m = /^(?:\*\*)?([\p{L}][\p{L}\p{N} _-]{0,40}?)(?:\*\*)?\s*[:：]\s/u.exec(detail);
  if (!m) return false;
  const key = m[1].trim();
  if (key.split(/\s+/).length > 4) return false;
  if (isKnownVerb(key.split(/\s+/)[0].toUpperCase())) return false;
  return !/file|fichier|archivo|arquivo|datei|ファイル|文件|檔案|파일|\bpaths?\b|ruta|caminho/iu.test(key);
}

/** `**Pattern 1: boolean read**` over before/after code blocks: an illustration, not a task. */
function isIllustration(b: Building): boolean {
  return b.start.inline === true && b.actions.length === 0 && b.codeBlocks > 0 && b.details.every((d) => /[:：]$/.test(d) || d.split(/\s+/).length <= 2);
}

function finishTask(b: Building, warnings: PrpWarning[]): PrpTask {
  const files: string[] = [];
  for (const a of b.actions) if (a.path !== '' && !files.includes(a.path)) files.push(a.path);
  const explicit = b.titleIsAction ? '' : b.start.title;
  if (files.length === 0) {
    const text = [explicit, ...b.details, ...b.actions.flatMap((a) => [a.text, ...a.details])].filter((d) => !isAnnotation(d)).join('\n');
    for (const p of pathsInText(text)) if (!files.includes(p)) files.push(p);
  }
  let title = explicit || titleFromActions(b.actions) || b.details[0] || '';
  if (title === '') {
    title = b.start.label;
    warnings.push({ line: b.index + 1, message: `${b.start.label} (line ${b.index + 1}) has no content.` });
  }
  if (title.length > MAX_TITLE) title = `${title.slice(0, MAX_TITLE - 1)}…`;
  const task: PrpTask = {
    number: b.start.number,
    label: b.start.label,
    title,
    actions: b.actions,
    details: b.details,
    files,
    line: b.index + 1,
  };
  if (b.start.status) task.status = b.start.status;
  if (b.start.group) task.group = b.start.group;
  return task;
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
