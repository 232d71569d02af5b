/** What the tolerant PRP parser reads out of a markdown spec. Lines are 1-based. */

/** Where the header came from: bare `name:`/`description:` lines, real `---` front matter, or nothing. */
export type PrpHeaderSource = 'bare' | 'frontMatter' | 'none';

export interface PrpHeader {
  source: PrpHeaderSource;
  name?: string;
  description?: string;
  /** Every top-level field, values flattened to strings. */
  fields: Record<string, string>;
  /** First and last line of the header block (absent when there is none). */
  startLine?: number;
  endLine?: number;
}

/** A markdown heading and everything below it up to the next heading of the same or a higher level. */
export interface PrpSection {
  /** Heading text as written (emoji kept). */
  title: string;
  /** 1 for `#`, 2 for `##`, ... */
  level: number;
  /** The heading's line. */
  line: number;
  /** Last line of the section, children included. */
  endLine: number;
  children: PrpSection[];
}

/** One `VERB path` instruction of a task, e.g. `CREATE src/auth.ts:` and its bullets. */
export interface PrpAction {
  /** Upper-case verb, typos corrected where the intent is clear (`CRAETE` -> `CREATE`). */
  verb: string;
  /** The file or folder the action names; '' when it names none (`RUN full test suite`). */
  path: string;
  /** The rest of the line after the verb, without a trailing colon. */
  text: string;
  /** Its bullets, without the bullet marker. */
  details: string[];
  line: number;
}

/** One implementation task, whatever shape the PRP wrote it in. */
export interface PrpTask {
  /** The number the PRP gave it (`Task 3`, `タスク3`, `3.`); absent for `Task N` or bare actions. */
  number?: number;
  /** How the PRP labels it: "Task 3", "タスク3", "3.", or the verb of a bare action. */
  label: string;
  /** A short imperative title: the PRP's own name for it, else one made from its actions. */
  title: string;
  actions: PrpAction[];
  /** Bullets and steps that belong to the task rather than to one action. */
  details: string[];
  /** Workspace-relative files it creates or changes (or, when it has no actions, the files it names). */
  files: string[];
  line: number;
  /** A status mark the PRP put on it (`### [x] Task 1`, `Task 3 ✅ DONE`, `(en progreso)`). */
  status?: PrpTaskStatus;
  /** The heading that groups it with its sibling steps (`Phase 1: Setup` over `Step 1.1`). */
  group?: string;
}

export type PrpTaskStatus = 'done' | 'in_progress';

export interface PrpCriterion {
  text: string;
  checked: boolean;
  line: number;
}

/** A validation gate: `### Level 2: Unit Tests` and the shell commands of its fences. */
export interface PrpValidationLevel {
  level: number;
  title: string;
  line: number;
  commands: string[];
}

/** A final-checklist item: `- [ ] All tests pass: \`npm test\`` -> label "All tests pass", command "npm test". */
export interface PrpChecklistItem {
  label: string;
  command?: string;
  checked: boolean;
  line: number;
  /** The sub-heading it sits under (`Technical Validation`), if any. */
  group?: string;
}

/** Something the parser could not read, or read by guessing. */
export interface PrpWarning {
  message: string;
  line?: number;
}

/** A warning as one line of text, like a compiler's: `PRPs/x.md:12: warning: ...`. */
export function formatPrpWarning(prpPath: string, warning: PrpWarning): string {
  return `${prpPath}${warning.line !== undefined ? `:${warning.line}` : ''}: warning: ${warning.message}`;
}

/** The title of a PRP with no name, front matter title or `# heading`. */
export const UNTITLED_PRP = 'Untitled PRP';

export interface Prp {
  /** The header's name, else the `# Title`, else UNTITLED_PRP. */
  title: string;
  header: PrpHeader;
  sections: PrpSection[];
  tasks: PrpTask[];
  successCriteria: PrpCriterion[];
  validationLevels: PrpValidationLevel[];
  checklist: PrpChecklistItem[];
  warnings: PrpWarning[];
  /** Number of lines read. */
  lineCount: number;
}
