// The staged changes of a run: an overlay over the Workspace. Writes and edits land here, never on disk;
// reads see them, so the model works on its own staged state. Only `applyToDisk` (CLI --apply) writes,
// and never over a file that changed since its change was computed.
import { isFileRefusedError } from '../workspace/regularFile';
import { FileChangedError, type Workspace } from '../workspace/workspace';
import { type ChangeEntry, type ChangeKind, type ChangeSetJson, copyEntry } from './changeEntry';
import { parseChangeSetJson } from './changeSetJson';
import { readDiskFile } from './diskFile';
import { applyExactEdit } from './exactEdit';
import { contentHash, decodeFile, encodeText } from './fileText';
import { checkPathSyntax, resolveWorkspacePath } from './pathGuard';
import { formatUnifiedDiff } from './unifiedDiff';

export type { ChangeEntry, ChangeKind, ChangeSetJson } from './changeEntry';

/** A file as the overlay sees it. */
export type OverlayFile =
  | { kind: 'text'; path: string; content: string; staged: boolean }
  | { kind: 'missing'; path: string; /** true when it exists on disk but a delete is staged */ stagedDelete: boolean }
  | { kind: 'binary'; path: string; reason: string }
  | { kind: 'directory'; path: string }
  | { kind: 'refused'; reason: string };

/** The outcome of a write, edit or delete. `entry` undefined: the file is back to its disk content, nothing staged. */
export type StageResult =
  | { ok: true; path: string; entry: ChangeEntry | undefined; replacements?: number; note?: string }
  | { ok: false; error: string };

export interface ApplyResult {
  applied: string[];
  /** Changed on disk since staging; left staged, not written. */
  stale: string[];
  failed: { path: string; reason: string }[];
}

/** The file as the overlay has it, handed to a staging computation. */
interface CurrentFile {
  exists: boolean;
  /** Undefined when missing or binary. */
  text: string | undefined;
  binaryReason?: string | undefined;
}

/** New text (undefined = delete), or why nothing is staged. */
type Computed = { ok: true; content?: string; replacements?: number; note?: string } | { ok: false; error: string };

/** The file on disk when a change was first staged for it. */
interface Base {
  hash: string | null;
  text?: string;
  binaryReason?: string;
}

export class ChangeSet {
  private readonly changes = new Map<string, ChangeEntry>();
  private readonly listeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Entries `fromJSON` skipped, with reasons. */
  restoreProblems: readonly string[] = [];

  constructor(readonly workspace: Workspace) {}

  get size(): number {
    return this.changes.size;
  }

  /** Copies of the staged entries, in the order they were first staged. */
  entries(): ChangeEntry[] {
    return [...this.changes.values()].map(copyEntry);
  }

  get(path: string): ChangeEntry | undefined {
    const entry = this.changes.get(path);
    return entry && copyEntry(entry);
  }

  /** Called after every change to the staged set; returns an unsubscribe function. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The file through the overlay; the path goes through the guard. */
  async readFile(input: string): Promise<OverlayFile> {
    const resolved = await resolveWorkspacePath(this.workspace, input);
    if (!resolved.ok) return { kind: 'refused', reason: resolved.reason };
    const path = resolved.target;
    const entry = this.changes.get(path);
    if (entry) {
      return entry.content === undefined
        ? { kind: 'missing', path, stagedDelete: true }
        : { kind: 'text', path, content: entry.content, staged: true };
    }
    const disk = await readDiskFile(this.workspace, path);
    if (disk.kind === 'directory') return { kind: 'directory', path };
    if (disk.kind === 'refused') return { kind: 'refused', reason: disk.reason };
    if (disk.kind === 'missing') return { kind: 'missing', path, stagedDelete: false };
    const decoded = decodeFile(disk.bytes);
    return decoded.kind === 'text'
      ? { kind: 'text', path, content: decoded.text, staged: false }
      : { kind: 'binary', path, reason: decoded.reason };
  }

  /** Staged text if any, else the disk's (UTF-8); undefined when missing, deleted, binary or refused. */
  async read(path: string): Promise<string | undefined> {
    const file = await this.readFile(path);
    return file.kind === 'text' ? file.content : undefined;
  }

  /** Stages a create or a whole-file replacement; `command` labels a change a run_command made. */
  write(path: string, content: string, todoId?: string, command?: string): Promise<StageResult> {
    return this.serialised(() => this.stage(path, todoId, () => ({ ok: true, content }), command));
  }

  /** Stages an exact replacement (see exactEdit.ts); on any error nothing is staged. */
  edit(path: string, oldString: string, newString: string, replaceAll: boolean, todoId?: string): Promise<StageResult> {
    return this.serialised(() =>
      this.stage(path, todoId, (current, shown) => {
        if (current.binaryReason !== undefined) {
          return { ok: false, error: `${shown} is a binary file (${current.binaryReason}); it cannot be edited as text.` };
        }
        if (oldString === '') {
          if (current.text === undefined || current.text === '') return { ok: true, content: newString };
          return {
            ok: false,
            error: `${shown} already exists and is not empty, so old_string cannot be empty. Give the exact text to replace, or use write_file to replace the whole file.`,
          };
        }
        if (current.text === undefined) {
          return {
            ok: false,
            error: `${shown} does not exist. Create it with write_file (or edit_file with an empty old_string).`,
          };
        }
        return applyExactEdit(shown, current.text, oldString, newString, replaceAll);
      }),
    );
  }

  /** Stages a delete of an existing file. */
  delete(path: string, todoId?: string, command?: string): Promise<StageResult> {
    return this.serialised(() =>
      this.stage(
        path,
        todoId,
        (current, shown) => (current.exists ? { ok: true } : { ok: false, error: `${shown} does not exist, so it cannot be deleted.` }),
        command,
      ),
    );
  }

  /** Paths whose file on disk no longer matches what their change was computed against. */
  async staleEntries(): Promise<string[]> {
    // Read concurrently: in VS Code each read is a round trip to the file service, and a review can hold hundreds of files.
    const entries = [...this.changes.values()];
    const hashes = await Promise.all(entries.map((entry) => this.diskHash(entry.path)));
    return entries.filter((entry, i) => hashes[i] !== entry.baseHash).map((entry) => entry.path);
  }

  /** Drops staged changes (e.g. after the user applied or rejected them). */
  remove(paths: readonly string[]): void {
    let changed = false;
    for (const path of paths) changed = this.changes.delete(path) || changed;
    if (changed) this.emit();
  }

  clear(): void {
    if (this.changes.size === 0) return;
    this.changes.clear();
    this.emit();
  }

  toJSON(): ChangeSetJson {
    return { version: 1, entries: this.entries() };
  }

  /** Restores a persisted set. Throws on a document that is not a change set; skips bad entries (see `restoreProblems`). */
  static fromJSON(workspace: Workspace, json: unknown): ChangeSet {
    const parsed = parseChangeSetJson(json);
    if (!parsed.ok) throw new Error(parsed.error);
    const set = new ChangeSet(workspace);
    for (const entry of parsed.entries) set.changes.set(entry.path, entry);
    set.restoreProblems = parsed.problems;
    return set;
  }

  /** Git-style unified diff of every staged change, sorted by path. */
  unifiedDiff(): string {
    return formatUnifiedDiff([...this.changes.values()]);
  }

  /**
   * Writes the staged changes (all, or `paths`) to disk, skipping stale ones; applied entries leave the set.
   * Runs under the workspace's write lock, and each file is replaced only if it still has its base content
   * right before the write (compare-and-swap), so two applies on one folder cannot both win.
   */
  applyToDisk(paths?: readonly string[]): Promise<ApplyResult> {
    return this.serialised(async () => {
      const locked = this.workspace.withWriteLock?.bind(this.workspace) ?? (<T>(task: () => Promise<T>) => task());
      const result = await locked(() => this.applyUnlocked(paths ?? [...this.changes.keys()]));
      if (result.applied.length > 0) this.emit();
      return result;
    });
  }

  private async applyUnlocked(wanted: readonly string[]): Promise<ApplyResult> {
    const result: ApplyResult = { applied: [], stale: [], failed: [] };
    for (const input of wanted) {
      const lexical = checkPathSyntax(input);
      const entry = lexical.ok ? this.changes.get(lexical.path) : undefined;
      if (!entry) {
        result.failed.push({ path: input, reason: 'no change is staged for this path' });
        continue;
      }
      const resolved = await resolveWorkspacePath(this.workspace, entry.path);
      if (!resolved.ok || resolved.target !== entry.path) {
        result.failed.push({ path: entry.path, reason: resolved.ok ? 'the path now goes through a symlink' : resolved.reason });
        continue;
      }
      if ((await this.diskHash(entry.path)) !== entry.baseHash) {
        result.stale.push(entry.path);
        continue;
      }
      const expect = { hash: entry.baseHash };
      try {
        if (entry.content === undefined) await this.workspace.deleteFile(entry.path, expect);
        else await this.workspace.writeFile(entry.path, encodeText(entry.content), expect);
        this.changes.delete(entry.path);
        result.applied.push(entry.path);
      } catch (error) {
        if (error instanceof FileChangedError) result.stale.push(entry.path);
        else result.failed.push({ path: entry.path, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return result;
  }

  /**
   * The shared path of write/edit/delete: guard the path, take the current overlay text, let `compute`
   * produce the new text (undefined = delete), then record it against the disk base.
   */
  private async stage(
    input: string,
    todoId: string | undefined,
    compute: (current: CurrentFile, shown: string) => Computed,
    command?: string,
  ): Promise<StageResult> {
    const resolved = await resolveWorkspacePath(this.workspace, input);
    if (!resolved.ok) return { ok: false, error: resolved.reason };
    const path = resolved.target;
    const existing = this.changes.get(path);
    let base: Base | undefined;
    let current: CurrentFile;
    if (existing) {
      current = { exists: existing.content !== undefined, text: existing.content };
    } else {
      const read = await this.readBase(path);
      if (!read.ok) return read;
      base = read.base;
      current = { exists: base.hash !== null, text: base.text, binaryReason: base.binaryReason };
    }
    const computed = compute(current, path);
    if (!computed.ok) return computed;
    const entry = this.record(path, existing, base, computed.content, todoId, command);
    this.emit();
    return {
      ok: true,
      path,
      entry: entry && copyEntry(entry),
      ...(computed.replacements !== undefined ? { replacements: computed.replacements } : {}),
      ...(computed.note !== undefined ? { note: computed.note } : {}),
    };
  }

  /** Stores the new text against the base; drops the entry when the text is back to the base. */
  private record(
    path: string,
    existing: ChangeEntry | undefined,
    base: Base | undefined,
    content: string | undefined,
    todoId: string | undefined,
    command?: string,
  ): ChangeEntry | undefined {
    const baseHash = existing ? existing.baseHash : (base?.hash ?? null);
    const baseContent = existing ? existing.baseContent : base?.text;
    const todoIds = existing ? [...existing.todoIds] : [];
    if (todoId !== undefined && !todoIds.includes(todoId)) todoIds.push(todoId);
    const commands = [...(existing?.commands ?? [])];
    if (command !== undefined && !commands.includes(command)) commands.push(command);
    const unchanged = baseHash === null ? content === undefined : content !== undefined && content === baseContent;
    if (unchanged) {
      this.changes.delete(path);
      return undefined;
    }
    const kind: ChangeKind = baseHash === null ? 'create' : content === undefined ? 'delete' : 'edit';
    const entry: ChangeEntry = {
      path,
      kind,
      baseHash,
      ...(baseContent !== undefined ? { baseContent } : {}),
      ...(content !== undefined ? { content } : {}),
      todoIds,
      ...(commands.length > 0 ? { commands } : {}),
    };
    this.changes.set(path, entry);
    return entry;
  }

  /** The disk file a first change is staged against; refused for what may not be read or changed (diskFile.ts). */
  private async readBase(path: string): Promise<{ ok: true; base: Base } | { ok: false; error: string }> {
    const disk = await readDiskFile(this.workspace, path);
    if (disk.kind === 'directory') return { ok: false, error: `${path} is a directory, not a file.` };
    if (disk.kind === 'refused') return { ok: false, error: disk.reason };
    if (disk.kind === 'missing') return { ok: true, base: { hash: null } };
    const { bytes } = disk;
    const decoded = decodeFile(bytes);
    return {
      ok: true,
      base:
        decoded.kind === 'text'
          ? { hash: contentHash(bytes), text: decoded.text }
          : { hash: contentHash(bytes), binaryReason: decoded.reason },
    };
  }

  /** A file that can no longer be read (turned into a FIFO, grown too large) hashes as unreadable: stale. */
  private async diskHash(path: string): Promise<string | null> {
    try {
      const bytes = await this.workspace.readFile(path);
      return bytes === undefined ? null : contentHash(bytes);
    } catch (error) {
      if (isFileRefusedError(error)) return 'unreadable';
      throw error;
    }
  }

  /** Mutations run one at a time so two tool calls on one file cannot interleave. */
  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
