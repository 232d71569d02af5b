// The offline planner: a Prp becomes a TodoWrite-style Plan without any model call. The PRP's own tasks
// and validation levels are the core; the agent's usual phases go around them where the PRP has nothing.
import { UNTITLED_PRP, type Prp, type PrpSection, type PrpTask, type PrpValidationLevel } from '../prp/prp';
import { isCheckingVerb } from '../prp/actionLine';
import { headingKind, normalizeHeading } from '../prp/sectionKinds';
import { activeFormOf } from './activeForm';
import { gateTodoContent } from './gateTodos';
import type { Plan, Todo } from './todo';
import { todoId, uniqueId } from './todoId';

/** Phase names, in the order the planner emits them. */
export const PHASES = {
  analysis: 'Analysis',
  implementation: 'Implementation',
  tests: 'Tests',
  review: 'Review',
  documentation: 'Documentation',
  validation: 'Validation',
} as const;

type Draft = Omit<Todo, 'id' | 'status' | 'activeForm'> & { activeForm?: string; status?: Todo['status'] };

const TEST_WORK = /\btests?\b|\bspecs?\b|pytest|vitest|jest|mocha|coverage|テスト|测试|測試/i;
const TEST_FILE = /(^|\/)(tests?|__tests__|specs?)\/|\.(test|spec)\.|_test\.|(^|\/)test_/i;
const DOC_WORK = /\bdocument|\breadme\b|\bdocs?\b|ドキュメント|文档|文件/i;
const DOC_FILE = /\.(md|mdx|rst|adoc)$|(^|\/)docs?\//i;
const META_SECTION = /^(purpose|core principles|principles|goals?|why|what|user persona.*|.*context.*|confidence.*|overview|summary|background|introduction|intro|notes?|description|resources|appendix|faq|open questions|risks|assumptions|non-goals|out of scope|scope|table of contents|toc|problem.*|metadata|meta|requirements?|dependencies|constraints|目的|背景|概要|目标|目標|原則|原则|问题.*|問題.*|元数据|メタデータ|需求|要件|요구 ?사항|개요|배경|목표|문제.*|problema.*|metadatos|metadados|requisitos|contexto|resumen|resumo|objetivos?|alcance|escopo|descripci[oó]n|descri[cç][aã]o)$/;

export function planFromPrp(prp: Prp, prpPath: string): Plan {
  const taskDrafts = implementationDrafts(prp);
  const drafts: Draft[] = [
    {
      content: 'Analyze the PRP and the code it references',
      phase: PHASES.analysis,
      source: { line: 1 },
      details: ['Read the goal, the context and the gotchas', 'Open the files the PRP points to before changing anything'],
    },
    ...taskDrafts.filter((d) => d.phase === PHASES.implementation),
  ];
  const implementation = drafts.filter((d) => d.phase === PHASES.implementation);

  const writesTests = (d: Draft): boolean =>
    TEST_WORK.test(d.content) || [...(d.files ?? []), ...(d.details ?? [])].some((f) => TEST_FILE.test(f));
  if (!implementation.some(writesTests)) {
    drafts.push({
      content: 'Write tests for the new behaviour',
      phase: PHASES.tests,
      details: prp.successCriteria.map((c) => c.text),
    });
  }
  drafts.push(
    {
      content: 'Review security: input validation, authorization, secrets and injection',
      phase: PHASES.review,
      details: ['Validate every external input', 'Check who may call each new entry point', 'No secrets in code, logs or errors'],
    },
    {
      content: 'Review performance: queries, blocking calls and payload sizes',
      phase: PHASES.review,
      details: ['No N+1 queries or unbounded reads', 'No blocking work on request paths'],
    },
  );
  if (!implementation.some((d) => DOC_WORK.test(d.content) || (d.files ?? []).some((f) => DOC_FILE.test(f)))) {
    drafts.push({ content: 'Update the documentation for the change', phase: PHASES.documentation });
  }
  drafts.push(...taskDrafts.filter((d) => d.phase === PHASES.validation), ...validationDrafts(prp));

  const taken = new Set<string>();
  // TodoWrite allows one todo in progress: the first the PRP marks so.
  const inProgress = drafts.findIndex((d) => d.status === 'in_progress');
  const todos: Todo[] = drafts.map((d, k) => ({
    id: uniqueId(todoId(d.content), taken),
    content: d.content,
    activeForm: d.activeForm ?? activeFormOf(d.content),
    status: d.status === 'completed' || k === inProgress ? (d.status ?? 'pending') : 'pending',
    phase: d.phase,
    ...(d.source ? { source: d.source } : {}),
    ...(d.files && d.files.length > 0 ? { files: d.files } : {}),
    ...(d.details && d.details.length > 0 ? { details: d.details } : {}),
    ...(d.gate ? { gate: d.gate } : {}),
  }));
  const title = prp.title === UNTITLED_PRP ? (prpPath.split(/[\\/]/).pop() || UNTITLED_PRP) : prp.title;
  return { prpPath, title, todos };
}

/** "Task 3: Create x" for labelled tasks, "1. Create models" for numbered steps, the title alone otherwise. */
export function taskContent(task: PrpTask): string {
  if (/[.)]$/.test(task.label)) return `${task.label} ${task.title}`;
  if (task.number !== undefined || /\bN$/i.test(task.label)) return `${task.label}: ${task.title}`;
  return task.title;
}

function implementationDrafts(prp: Prp): Draft[] {
  if (prp.tasks.length > 0) {
    return prp.tasks.map((task) => ({
      content: taskContent(task),
      phase: isCheckingTask(task) ? PHASES.validation : PHASES.implementation,
      ...(task.status ? { status: task.status === 'done' ? ('completed' as const) : ('in_progress' as const) } : {}),
      source: { line: task.line },
      files: task.files,
      details: [
        ...task.actions.flatMap((a) => [`${a.verb} ${a.path || a.text}`.trim(), ...a.details.map((d) => `  ${d}`)]),
        ...task.details,
      ],
    }));
  }
  const sections = featureSections(prp.sections);
  if (sections.length > 0) {
    return sections.map((s) => ({ content: `Implement ${s.title}`, phase: PHASES.implementation, source: { line: s.line } }));
  }
  if (prp.successCriteria.length > 0) {
    return prp.successCriteria.map((c) => ({ content: `Implement: ${c.text}`, phase: PHASES.implementation, source: { line: c.line } }));
  }
  return [{ content: `Implement ${prp.title}`, phase: PHASES.implementation, source: { line: 1 } }];
}

/** `Task 9: VERIFY all endpoints`, `TEST the login flow`: a check of the work, filed under Validation. */
function isCheckingTask(task: PrpTask): boolean {
  if (task.actions.length > 0) return task.actions.every((a) => isCheckingVerb(a.verb));
  // An upper-case checking verb of another language opening the title: `VERIFICAR ...`, `TESTAR ...`.
  return /^(?:VERIF|VALID|TEST|CHECK|COMPROB|PROB|CONFER|PR[ÜU]F)\p{Lu}*(?:\s|$)/u.test(task.title);
}

/** With no readable tasks: the sections that describe features rather than the PRP's own scaffolding. */
function featureSections(roots: PrpSection[]): PrpSection[] {
  // A lone `# Title` wraps everything: look inside it.
  const top = roots.length === 1 && roots[0].level === 1 ? roots[0].children : roots;
  const out: PrpSection[] = [];
  for (const s of top) {
    const key = normalizeHeading(s.title).replace(/\s*\(.*\)$/, '');
    if (key === '' || headingKind(s.title) !== 'other' || META_SECTION.test(key)) continue;
    out.push(s);
  }
  return out;
}

function validationDrafts(prp: Prp): Draft[] {
  const drafts: Draft[] = prp.validationLevels.map((level: PrpValidationLevel) => ({
    content: gateTodoContent(level.level, level.title),
    phase: PHASES.validation,
    source: { line: level.line },
    details: level.commands,
    ...(level.commands.length > 0 && { gate: { level: level.level } }),
  }));
  if (prp.checklist.length > 0) {
    drafts.push({
      content: 'Go through the final validation checklist',
      phase: PHASES.validation,
      source: { line: prp.checklist[0].line },
      details: prp.checklist.map((c) => (c.command ? `${c.label}: \`${c.command}\`` : c.label)),
    });
  }
  if (drafts.length === 0) {
    drafts.push({ content: "Run the project's build, lint and tests", phase: PHASES.validation });
  }
  return drafts;
}
