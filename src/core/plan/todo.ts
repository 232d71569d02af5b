/** TodoWrite's three states; at most one todo is `in_progress` at a time. */
export type TodoStatus = 'pending' | 'in_progress' | 'completed';

/** Where a todo came from in its PRP (1-based line). */
export interface TodoSource {
  line: number;
}

/** One checklist item: TodoWrite's fields plus what the extension needs to show and persist it. */
export interface Todo {
  /** Stable across replans: derived from content, kept when TodoWrite replaces the list. */
  id: string;
  /** Imperative form: "Create auth middleware". */
  content: string;
  /** Present continuous form shown while in progress: "Creating auth middleware". */
  activeForm: string;
  status: TodoStatus;
  /** Group in the tree: "Analysis", "Implementation", "Validation", ... */
  phase?: string;
  source?: TodoSource;
  /** Workspace-relative files the todo names or touched. */
  files?: string[];
  /** What the PRP says about it (the task's bullets, a level's commands); shown as the tree item's tooltip. */
  details?: string[];
  /** A validation level with commands: the harness completes it when its commands pass, never the model. */
  gate?: TodoGate;
}

/** A gate todo's level and how its commands last went. */
export interface TodoGate {
  level: number;
  status?: 'running' | 'passed' | 'failed' | 'could_not_run' | 'not_run';
  durationMs?: number;
  attempts?: number;
  failingCommand?: string;
  outputTail?: string;
  reason?: string;
}

/** The checklist for one PRP. */
export interface Plan {
  /** Workspace-relative (or absolute, outside a workspace) path of the PRP the plan was made from. */
  prpPath: string;
  title: string;
  todos: Todo[];
}
