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
  /** Set on a PRP validation level with commands: the harness runs them and only it completes this todo. */
  gate?: TodoGate;
}

/** A validation gate's state on its todo (the words of src/core/validation, kept here so plan does not import it). */
export interface TodoGate {
  level: number;
  /** Absent until the gate first runs. */
  status?: 'running' | 'passed' | 'failed' | 'could_not_run' | 'not_run';
  durationMs?: number;
  attempts?: number;
  /** The first command that did not pass, exactly as the PRP gives it. */
  failingCommand?: string;
  /** The last lines of that command's output. */
  outputTail?: string;
  /** Why the gate did not pass (or did not run), in one sentence. */
  reason?: string;
}

/** The checklist for one PRP. */
export interface Plan {
  /** Workspace-relative (or absolute, outside a workspace) path of the PRP the plan was made from. */
  prpPath: string;
  title: string;
  todos: Todo[];
}
