import assert from 'node:assert/strict';
import type { Memento } from 'vscode';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import {
  PENDING_CHANGES_KEY,
  PendingChanges,
  UNRESTORED_CHANGES_KEY,
  type UnrestoredChanges,
} from '../../../src/vscode/review/pendingChanges';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';

/** Like workspaceState: values are stored as JSON, so what comes back is a copy. */
class JsonMemento implements Memento {
  readonly data = new Map<string, string>();
  failWrites = false;
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    const raw = this.data.get(key);
    return raw === undefined ? defaultValue : (JSON.parse(raw) as T);
  }
  update(key: string, value: unknown): Thenable<void> {
    if (this.failWrites) return Promise.reject(new Error('disk full'));
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

class RecordingLog {
  readonly lines: string[] = [];
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string, error?: unknown): void {
    this.lines.push(`error ${message}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

describe('PendingChanges', () => {
  let tmp: TempWorkspace;
  let state: JsonMemento;

  beforeEach(async () => {
    tmp = await makeTempWorkspace({ 'src/app.ts': 'const a = 1;\n', 'old.ts': 'old\n' });
    state = new JsonMemento();
  });
  afterEach(() => tmp.cleanup());

  it('starts empty and saves nothing', async () => {
    const pending = new PendingChanges(state, tmp.workspace);
    assert.equal(pending.size, 0);
    assert.deepEqual(pending.restoreProblems, []);
    await pending.flush();
    assert.equal(state.get(PENDING_CHANGES_KEY), undefined);
  });

  it('saves every change and restores it in a new instance over the same state (a window reload)', async () => {
    const first = new PendingChanges(state, tmp.workspace);
    let events = 0;
    first.onDidChange(() => events++);
    await first.changeSet.write('src/new.ts', 'export {};\n', 't1');
    await first.changeSet.edit('src/app.ts', 'const a = 1;', 'const a = 2;', false, 't2');
    await first.changeSet.delete('old.ts', 't2');
    await first.flush();
    assert.equal(events, 3);

    const second = new PendingChanges(state, tmp.workspace);
    assert.deepEqual(second.changeSet.entries(), first.changeSet.entries());
    assert.deepEqual(second.restoreProblems, []);
    assert.equal(await second.changeSet.read('src/app.ts'), 'const a = 2;\n');
    assert.deepEqual(await second.changeSet.staleEntries(), []);

    second.changeSet.remove(['old.ts']);
    await second.flush();
    assert.deepEqual(new PendingChanges(state, tmp.workspace).changeSet.entries().map((e) => e.path), ['src/new.ts', 'src/app.ts']);
    second.changeSet.clear();
    await second.flush();
    assert.equal(state.get(PENDING_CHANGES_KEY), undefined, 'an empty set clears the key');
  });

  it('replace() saves the new set, reports it, and stops listening to the old one', async () => {
    const pending = new PendingChanges(state, tmp.workspace);
    const old = pending.changeSet;
    const next = new ChangeSet(tmp.workspace);
    await next.write('b.ts', 'b\n');
    let events = 0;
    pending.onDidChange(() => events++);
    pending.replace(next);
    assert.equal(events, 1);
    await old.write('ignored.ts', 'x\n');
    assert.equal(events, 1);
    await pending.flush();
    assert.deepEqual(new PendingChanges(state, tmp.workspace).changeSet.entries().map((e) => e.path), ['b.ts']);
  });

  it('keeps the readable entries of a damaged save, reports the rest and keeps a copy of the original', async () => {
    const good = new PendingChanges(state, tmp.workspace);
    await good.changeSet.write('src/new.ts', 'export {};\n');
    await good.flush();
    const saved = state.get<{ version: 1; entries: unknown[] }>(PENDING_CHANGES_KEY);
    assert.ok(saved);
    saved.entries.push({ path: '../escape.ts', kind: 'create', baseHash: null, content: 'x', todoIds: [] });
    await state.update(PENDING_CHANGES_KEY, saved);

    const log = new RecordingLog();
    const restored = new PendingChanges(state, tmp.workspace, log);
    await restored.flush();
    assert.deepEqual(restored.changeSet.entries().map((e) => e.path), ['src/new.ts']);
    assert.equal(restored.restoreProblems.length, 1);
    assert.match(restored.restoreProblems[0] ?? '', /escape/);
    assert.ok(log.lines.some((l) => l.startsWith('warn Pending changes: Skipped change #2')), log.lines.join('\n'));
    const copies = state.get<UnrestoredChanges[]>(UNRESTORED_CHANGES_KEY);
    assert.equal(copies?.length, 1);
    assert.deepEqual(copies?.[0]?.data, saved);
    // The readable part was saved back, so the next start has nothing to report.
    assert.deepEqual(new PendingChanges(state, tmp.workspace).restoreProblems, []);
  });

  it('an unreadable save becomes an empty set with the problem reported, never silently dropped', async () => {
    await state.update(PENDING_CHANGES_KEY, { version: 99, entries: [] });
    const restored = new PendingChanges(state, tmp.workspace);
    await restored.flush();
    assert.equal(restored.size, 0);
    assert.match(restored.restoreProblems[0] ?? '', /could not be read.*version 99/);
    assert.deepEqual(state.get<UnrestoredChanges[]>(UNRESTORED_CHANGES_KEY)?.[0]?.data, { version: 99, entries: [] });
  });

  it('a failed save is logged and the set stays usable', async () => {
    const log = new RecordingLog();
    const pending = new PendingChanges(state, tmp.workspace, log);
    state.failWrites = true;
    await pending.changeSet.write('a.ts', 'a\n');
    await pending.flush();
    assert.equal(pending.size, 1);
    assert.ok(log.lines.some((l) => /Could not save the pending changes.*disk full/.test(l)), log.lines.join('\n'));
  });

  it('a throwing listener does not stop saving or other listeners', async () => {
    const log = new RecordingLog();
    const pending = new PendingChanges(state, tmp.workspace, log);
    let second = 0;
    pending.onDidChange(() => {
      throw new Error('boom');
    });
    const sub = pending.onDidChange(() => second++);
    await pending.changeSet.write('a.ts', 'a\n');
    sub.dispose();
    await pending.changeSet.write('b.ts', 'b\n');
    await pending.flush();
    assert.equal(second, 1);
    assert.equal(new PendingChanges(state, tmp.workspace).size, 2);
    assert.ok(log.lines.some((l) => l.includes('boom')));
  });
});
