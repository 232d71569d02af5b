// The changes waiting for review, kept in workspaceState so they survive a window reload: they cost the
// user money to produce. Only type imports from 'vscode', so this runs (and is unit-tested) in plain Node.
import type { Disposable, Event, Memento } from 'vscode';
import { ChangeSet } from '../../core/changes/changeSet';
import type { Workspace } from '../../core/workspace/workspace';

export const PENDING_CHANGES_KEY = 'devBackend.pendingChanges';
/** Where a saved set that could not be fully restored is kept, untouched, so nothing is lost silently. */
export const UNRESTORED_CHANGES_KEY = 'devBackend.pendingChanges.unrestored';
const MAX_UNRESTORED = 10;

export interface UnrestoredChanges {
  savedAt: string;
  problems: string[];
  data: unknown;
}

/** Where warnings go (the "Dev Backend" output channel satisfies it). */
export interface PendingChangesLog {
  info?(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export class PendingChanges implements Disposable {
  /** Why (part of) the saved set could not be restored; empty when all went well. */
  readonly restoreProblems: readonly string[];
  private current: ChangeSet;
  private unsubscribe: () => void;
  private readonly listeners = new Set<() => void>();
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: Memento,
    readonly workspace: Workspace,
    private readonly log?: PendingChangesLog,
  ) {
    const { changeSet, problems } = restore(state.get<unknown>(PENDING_CHANGES_KEY), workspace);
    this.current = changeSet;
    this.restoreProblems = problems;
    if (problems.length > 0) {
      for (const problem of problems) log?.warn(`Pending changes: ${problem}`);
      this.keepUnrestored(problems);
      this.save(); // the readable part replaces the saved set, so the next start does not report it again
    }
    this.unsubscribe = this.current.onDidChange(() => this.changed());
  }

  /** The staged changes; every change to it is saved and reported by onDidChange. */
  get changeSet(): ChangeSet {
    return this.current;
  }

  get size(): number {
    return this.current.size;
  }

  /** Fires after the set changed or was replaced. */
  readonly onDidChange: Event<void> = (listener, thisArgs?: unknown, disposables?: Disposable[]) => {
    const bound = (): void => {
      listener.call(thisArgs, undefined);
    };
    this.listeners.add(bound);
    const subscription = { dispose: () => this.listeners.delete(bound) };
    disposables?.push(subscription);
    return subscription;
  };

  /** Makes `changeSet` the pending set (a new run's staging area, say); the old one is no longer saved. */
  replace(changeSet: ChangeSet): void {
    if (changeSet === this.current) return;
    this.unsubscribe();
    this.current = changeSet;
    this.unsubscribe = changeSet.onDidChange(() => this.changed());
    this.changed();
  }

  /** Resolves when every save requested so far has finished. */
  flush(): Promise<void> {
    return this.saving;
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private changed(): void {
    this.save();
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.log?.error('A pending-changes listener failed', error);
      }
    }
  }

  /** Saves are chained so the last state written is the latest one. */
  private save(): void {
    const json = this.current.size > 0 ? this.current.toJSON() : undefined;
    this.saving = this.saving.then(async () => {
      try {
        await this.state.update(PENDING_CHANGES_KEY, json);
      } catch (error) {
        this.log?.error('Could not save the pending changes (they are kept in memory for this window)', error);
      }
    });
  }

  private keepUnrestored(problems: string[]): void {
    const previous = this.state.get<unknown>(UNRESTORED_CHANGES_KEY);
    const kept = Array.isArray(previous) ? (previous as UnrestoredChanges[]) : [];
    const entry: UnrestoredChanges = {
      savedAt: new Date().toISOString(),
      problems,
      data: this.state.get<unknown>(PENDING_CHANGES_KEY),
    };
    const next = [...kept, entry].slice(-MAX_UNRESTORED);
    this.saving = this.saving.then(async () => {
      try {
        await this.state.update(UNRESTORED_CHANGES_KEY, next);
      } catch (error) {
        this.log?.error('Could not keep a copy of the unrestored pending changes', error);
      }
    });
  }
}

function restore(saved: unknown, workspace: Workspace): { changeSet: ChangeSet; problems: string[] } {
  if (saved === undefined || saved === null) return { changeSet: new ChangeSet(workspace), problems: [] };
  try {
    const changeSet = ChangeSet.fromJSON(workspace, saved);
    return { changeSet, problems: [...changeSet.restoreProblems] };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { changeSet: new ChangeSet(workspace), problems: [`The saved pending changes could not be read (${reason})`] };
  }
}
