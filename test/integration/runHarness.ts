// Shared by the chat and implement integration tests: the extension's API, the fake Anthropic server wired in
// through the settings and a key, snapshots of the sample workspace, and driving the Refactor Preview.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Plan } from '../../src/core/plan/todo';
import type { DevBackendApi, FinishedRun } from '../../src/vscode/api';
import type { ReviewResult } from '../../src/vscode/review';
import { FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { scriptedImplementer } from '../fakes/scriptedImplementer';

export const EXTENSION_ID = 'dev-backend.dev-backend';
export const AUTH_PRP = 'PRPs/auth-api.md';
export const TEST_KEY = 'sk-ant-test-run-0123456789abcdef';

export async function devBackend(): Promise<DevBackendApi> {
  const extension = vscode.extensions.getExtension<DevBackendApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  answerGateConsent(api);
  return api;
}

/** How the tests answer the one-per-PRP gate question (default: Don't Run, so a run's gates never wait on it). */
let gateAnswer: 'run' | 'declined' = 'declined';
const gateQuestions: string[][] = [];
let answering = false;

function answerGateConsent(api: DevBackendApi): void {
  if (answering) return;
  answering = true;
  api.validation.onDidAskConsent((request) => {
    gateQuestions.push([...request.commands]);
    setTimeout(() => api.validation.answerConsent(gateAnswer), 20);
  });
}

/** Sets the answer to the gate question from now on; returns the questions asked so far (their commands). */
export function answerGatesWith(answer: 'run' | 'declined'): string[][] {
  gateAnswer = answer;
  return gateQuestions;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the sample workspace open');
  return folder.uri.fsPath;
}

export function workspaceUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), ...relative.split('/')));
}

/** Every file of the workspace (outside .vscode and .git) with its text. */
export function snapshotWorkspace(): Map<string, string> {
  const root = workspaceRoot();
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.vscode' || entry.name === '.git' || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.set(path.relative(root, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return files;
}

/** Paths added, changed or removed since `before`, sorted. */
export function changedSince(before: ReadonlyMap<string, string>): string[] {
  const now = snapshotWorkspace();
  const paths = new Set([...before.keys(), ...now.keys()]);
  return [...paths].filter((p) => before.get(p) !== now.get(p)).sort();
}

/** Puts the workspace back as `before` had it (new files removed, empty new folders too). */
export function restoreWorkspace(before: ReadonlyMap<string, string>): void {
  const root = workspaceRoot();
  for (const p of changedSince(before)) {
    const full = path.join(root, ...p.split('/'));
    const text = before.get(p);
    if (text === undefined) fs.rmSync(full, { force: true });
    else fs.writeFileSync(full, text);
  }
  const prune = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === '.vscode' || entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      prune(full);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
    }
  };
  prune(root);
}

/** Sets a devBackend.* user setting (not the workspace's: the tests compare the workspace's files). */
export async function setSetting(name: string, value: unknown): Promise<void> {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('devBackend');
  await config().update(name, value, vscode.ConfigurationTarget.Global);
  for (let attempt = 0; attempt < 50 && config().inspect(name)?.globalValue !== value; attempt++) await sleep(50);
  assert.deepEqual(config().inspect(name)?.globalValue, value, `devBackend.${name} did not take the value`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with the next FinishedRun that matches. */
export function nextFinishedRun(api: DevBackendApi, matches: (run: FinishedRun) => boolean = () => true): Promise<FinishedRun> {
  return new Promise((resolve) => {
    const subscription = api.onDidFinishRun((run) => {
      if (!matches(run)) return;
      subscription.dispose();
      resolve(run);
    });
  });
}

/** A model the chat's picker can be set to. */
export interface PickedModel {
  vendor: string;
  id: string;
  family: string;
}
export const FAKE_LM_MODEL: PickedModel = { vendor: 'dev-backend-test', id: 'fake-lm', family: 'fake' };

/**
 * Sends a chat query to the chat view, in a new chat unless told (a model must be resolvable first, or the chat
 * refuses the request). The picker is set to `model` first (default: the fake LM, so which model the chat picked by
 * itself never matters; 'keep' leaves the picker alone).
 */
export async function sendChat(query: string, options: { newChat?: boolean; attachFiles?: vscode.Uri[]; model?: PickedModel | 'keep' } = {}): Promise<void> {
  await vscode.lm.selectChatModels();
  if (options.newChat ?? true) await vscode.commands.executeCommand('workbench.action.chat.newChat');
  const model = options.model ?? FAKE_LM_MODEL;
  if (model !== 'keep') await vscode.commands.executeCommand('workbench.action.chat.changeModel', model);
  // attachFiles: what the paperclip / #file would attach (a typed "#file:x" stays plain text when sent this way).
  await vscode.commands.executeCommand('workbench.action.chat.open', { query, ...(options.attachFiles ? { attachFiles: options.attachFiles } : {}) });
}

/** A fake Anthropic server behind devBackend.apiBaseUrl and a stored key, answering as the scripted implementer. */
export class FakeApi {
  readonly server = new FakeAnthropicServer();

  async start(options: { key?: boolean } = {}): Promise<this> {
    await this.server.start();
    this.server.respondWith(scriptedImplementer({ fileLines: 12 }));
    await setSetting('apiBaseUrl', this.server.baseURL);
    await vscode.commands.executeCommand(options.key ?? true ? 'devBackend.setApiKey' : 'devBackend.clearApiKey', TEST_KEY);
    return this;
  }

  async stop(): Promise<void> {
    await vscode.commands.executeCommand('devBackend.clearApiKey');
    await setSetting('apiBaseUrl', undefined);
    await this.server.stop();
  }
}

/** Empties the pending changes and the plans, so each test starts from the sample workspace's state. */
export async function resetRunState(api: DevBackendApi): Promise<void> {
  await vscode.commands.executeCommand('devBackend.discardChanges', { skipConfirmation: true });
  api.tasks.planStore.clearAll();
  await api.tasks.planStore.flush();
}

export function planOf(api: DevBackendApi, prpPath = AUTH_PRP): Plan | undefined {
  return api.tasks.planStore.plans().find((p) => p.prpPath === prpPath);
}

/**
 * Opens the review (devBackend.reviewChanges) and applies every change in the Refactor Preview: grouped by file,
 * each file ticked, then Apply. Entries needing confirmation start unticked. Ticking re-renders the tree and loses
 * its focus, so each tick navigates from the top of the collapsed tree again. The preview opens asynchronously
 * and gives the extension host no signal, so a tick can come too early: what was not applied stays pending, and
 * the review is opened again (with longer waits) for the rest. Resolves with everything applied over the rounds.
 */
export async function reviewAndApplyAll(fileCount: number): Promise<ReviewResult> {
  const applied: string[] = [];
  let last: ReviewResult | undefined;
  for (let round = 1; round <= 5 && applied.length < fileCount; round++) {
    const remaining = fileCount - applied.length;
    // Grouped by file here (groupByTask: false), so that the review's own switch to the grouping by task cannot race the ticks.
    const review = vscode.commands.executeCommand<ReviewResult>('devBackend.reviewChanges', { notify: false, groupByTask: false });
    await sleep(1000 * round);
    await vscode.commands.executeCommand('refactorPreview.groupByFile');
    for (let i = 0; i < remaining; i++) {
      await vscode.commands.executeCommand('refactorPreview.focus');
      await vscode.commands.executeCommand('list.collapseAll');
      await vscode.commands.executeCommand('list.focusFirst');
      for (let down = 0; down < i; down++) await vscode.commands.executeCommand('list.focusDown');
      await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
      await sleep(100 * round);
    }
    await vscode.commands.executeCommand('refactorPreview.apply');
    last = await review;
    assert.ok(last, 'devBackend.reviewChanges returned nothing');
    applied.push(...last.applied);
    if (last.stale.length > 0) break;
  }
  assert.ok(last);
  return { ...last, applied };
}
