// Helpers of the models integration tests: the extension's API, waiting for vscode.lm to list models, settings,
// requests to a chat model, and an in-memory SecretStorage.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { DevBackendApi, FinishedRun } from '../../src/vscode/api';

export const EXTENSION_ID = 'dev-backend.dev-backend';
export const VENDOR = 'dev-backend-anthropic';
export const KEY = 'sk-ant-test-models-0123456789abcdef';
export const fingerprint = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 12);
export const READ_FILE_TOOL = {
  name: 'read_file',
  description: 'Read a file of the workspace.',
  inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
} as const;

export async function devBackend(): Promise<DevBackendApi> {
  const extension = vscode.extensions.getExtension<DevBackendApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Waits (bounded) until the Claude models the picker would show satisfy `ready`; returns them. */
export function claudeModels(ready: (models: vscode.LanguageModelChat[]) => boolean): Promise<vscode.LanguageModelChat[]> {
  return chatModels(ready, { vendor: VENDOR });
}

/** Waits (bounded) until the models vscode.lm selects satisfy `ready`; returns them. */
export async function chatModels(ready: (models: vscode.LanguageModelChat[]) => boolean, selector?: vscode.LanguageModelChatSelector): Promise<vscode.LanguageModelChat[]> {
  let models: vscode.LanguageModelChat[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    models = await vscode.lm.selectChatModels(selector);
    if (ready(models)) return models;
    await new Promise<void>((resolve) => {
      const subscription = vscode.lm.onDidChangeChatModels(() => {
        subscription.dispose();
        resolve();
      });
      setTimeout(() => {
        subscription.dispose();
        resolve();
      }, 100);
    });
  }
  return models;
}

export async function setSetting(name: string, value: unknown): Promise<void> {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('devBackend');
  // A user setting: a workspace one would land in the sample workspace's files, which run tests compare.
  await config().update(name, value, vscode.ConfigurationTarget.Global);
  // The update resolves before every listener saw it: wait until this extension host reads the new value.
  for (let attempt = 0; attempt < 50 && config().inspect(name)?.globalValue !== value; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(config().inspect(name)?.globalValue, value, `devBackend.${name} did not take the value`);
}

/** Resolves with the next chat request the extension finished. */
export function nextChatRun(api: DevBackendApi): Promise<FinishedRun> {
  return new Promise((resolve) => {
    const subscription = api.onDidFinishRun((run) => {
      if (run.source !== 'chat') return;
      subscription.dispose();
      resolve(run);
    });
  });
}

/** No pending changes, no plans: what the other run tests expect to start from. */
export async function resetRunState(api: DevBackendApi): Promise<void> {
  await vscode.commands.executeCommand('devBackend.discardChanges', { skipConfirmation: true });
  api.tasks.planStore.clearAll();
  await api.tasks.planStore.flush();
}

/** Sends one request to a chat model and collects the streamed parts. */
export async function collect(model: vscode.LanguageModelChat, messages: vscode.LanguageModelChatMessage[], tools: vscode.LanguageModelChatTool[] = []) {
  const source = new vscode.CancellationTokenSource();
  const response = await model.sendRequest(messages, { tools, justification: 'dev-backend integration test' }, source.token);
  let text = '';
  const calls: vscode.LanguageModelToolCallPart[] = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) text += part.value;
    if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
  }
  source.dispose();
  return { text, calls };
}

/** A SecretStorage in memory, with a switch to make reads fail. */
export class MemorySecrets implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  failReads = false;
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  async keys(): Promise<string[]> {
    return [...this.values.keys()];
  }
  async get(key: string): Promise<string | undefined> {
    if (this.failReads) throw new Error('keyring unavailable');
    return this.values.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed.fire({ key });
  }
}

/** `promise`, or a failure saying `what` did not happen, so a hang still lets the test clean up after itself. */
export function orFail<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (waited ${Math.round(ms / 1000)} s)`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
