// Typed access to the test-only fake language model (test/fixtures/fake-lm-extension) from integration tests.
import * as vscode from 'vscode';

export const FAKE_LM_EXTENSION_ID = 'dev-backend-test.fake-lm';

export type FakeResponsePart = string | vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart;

export interface FakeLmRequest {
  readonly messages: readonly { role: vscode.LanguageModelChatMessageRole; name: string | undefined; text: string; content: readonly unknown[] }[];
  readonly options: vscode.ProvideLanguageModelChatResponseOptions;
}

/** Scripts the fake model: gets the request (and its 1-based number) and returns the reply's parts. */
export type FakeResponder = (
  messages: readonly vscode.LanguageModelChatRequestMessage[],
  options: vscode.ProvideLanguageModelChatResponseOptions,
  requestNumber: number,
) => FakeResponsePart | FakeResponsePart[] | Promise<FakeResponsePart | FakeResponsePart[]>;

/** What the fake model extension exports from activate(). */
export interface FakeLmApi {
  readonly VENDOR: 'dev-backend-test';
  readonly MODEL_ID: 'fake-lm';
  /** Every request received, oldest first. */
  readonly requests: readonly FakeLmRequest[];
  /** Replaces the default echo ("echo: <last user text>"); undefined restores it. */
  setResponder(fn: FakeResponder | undefined): void;
  /** false: the model disappears from vscode.lm (as with no other model installed); true: it is back. */
  setRegistered(on: boolean): void;
  /** Restores the echo and forgets recorded requests. */
  reset(): void;
}

/** Activates the fake model extension and returns its API; fails clearly when it was not loaded. */
export async function getFakeLm(): Promise<FakeLmApi> {
  const extension = vscode.extensions.getExtension<FakeLmApi>(FAKE_LM_EXTENSION_ID);
  if (!extension) throw new Error(`${FAKE_LM_EXTENSION_ID} is not loaded: the test runner must pass test/fixtures/fake-lm-extension as a development extension`);
  return extension.activate();
}

/** Resolves the fake model through vscode.lm (the chat needs it resolved before a request can go through). */
export async function selectFakeModel(): Promise<vscode.LanguageModelChat> {
  const [model] = await vscode.lm.selectChatModels({ vendor: 'dev-backend-test' });
  if (!model) throw new Error('vscode.lm.selectChatModels({ vendor: "dev-backend-test" }) found no model');
  return model;
}
