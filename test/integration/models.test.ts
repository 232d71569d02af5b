// Models inside VS Code: the API key store and commands, Claude in the model picker (against the fake Anthropic
// server), the LanguageModelClient over the fake test model, model choice, and a log that never shows the key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ModelStreamEvent } from '../../src/core/llm/modelClient';
import { ApiKeyStore } from '../../src/vscode/config/apiKeyStore';
import { readSettings } from '../../src/vscode/config/settings';
import { LanguageModelClient } from '../../src/vscode/models/languageModelClient';
import { chooseModelClient } from '../../src/vscode/models/modelChoice';
import { FakeAnthropicServer } from '../fakes/fakeAnthropicServer';
import { scriptedImplementer } from '../fakes/scriptedImplementer';
import { getFakeLm, selectFakeModel } from './fakeLm';
import {
  chatModels,
  claudeModels,
  collect,
  devBackend,
  fingerprint,
  KEY,
  MemorySecrets,
  nextChatRun,
  orFail,
  READ_FILE_TOOL,
  resetRunState,
  setSetting,
  VENDOR,
} from './modelsHarness';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Models (inside VS Code)', function () {
  this.timeout(60_000);
  const envKeySet = (process.env.ANTHROPIC_API_KEY ?? '').trim() !== '';
  let server: FakeAnthropicServer;

  before(async () => {
    await devBackend();
    server = new FakeAnthropicServer({ requireKey: KEY });
    await setSetting('apiBaseUrl', await server.start());
    await setSetting('logLevel', 'debug');
  });

  after(async () => {
    await vscode.commands.executeCommand('devBackend.clearApiKey');
    await setSetting('apiBaseUrl', undefined);
    await setSetting('logLevel', undefined);
    await server.stop();
  });

  describe('ApiKeyStore', () => {
    it('reads SecretStorage first, then ANTHROPIC_API_KEY; set, clear and change events', async () => {
      const secrets = new MemorySecrets();
      const store = new ApiKeyStore(secrets, { ANTHROPIC_API_KEY: ' env-key-123 ' });
      let changes = 0;
      store.onDidChange(() => changes++);
      assert.equal(await store.get(), 'env-key-123');
      assert.equal(await store.source(), 'environment');
      await store.set('  stored-key-456 ');
      assert.equal(secrets.values.get('devBackend.anthropicApiKey'), 'stored-key-456', 'stored trimmed, under its SecretStorage key');
      assert.equal(await store.get(), 'stored-key-456');
      assert.equal(await store.source(), 'secretStorage');
      await store.clear();
      assert.equal(await store.get(), 'env-key-123');
      await sleep(50);
      assert.equal(changes, 2, 'one event per change (set, then clear), not one per signal (ours and the secret storage echo)');
      await assert.rejects(store.set('two words'), (e: Error) => /no spaces/.test(e.message) && !e.message.includes('words'));
      store.dispose();
    });

    it('has no key when neither is set, and falls back to the environment when SecretStorage fails', async () => {
      const secrets = new MemorySecrets();
      assert.equal(await new ApiKeyStore(secrets, {}).get(), undefined);
      secrets.values.set('devBackend.anthropicApiKey', 'stored-key');
      secrets.failReads = true;
      const failures: unknown[] = [];
      const store = new ApiKeyStore(secrets, { ANTHROPIC_API_KEY: 'env-key' }, (e) => failures.push(e));
      assert.equal(await store.get(), 'env-key');
      assert.equal(failures.length, 1);
    });

    it('the setApiKey command refuses a key with whitespace and saves a good one', async () => {
      assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', 'bad key'), false);
      assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', KEY), true);
      await vscode.commands.executeCommand('devBackend.clearApiKey');
    });
  });

  describe('Claude in the model picker', () => {
    it('lists the Claude models without a key too, marked as needing one; a request says how to set it', async function () {
      if (envKeySet) this.skip(); // ANTHROPIC_API_KEY in the host's environment counts as a key
      await vscode.commands.executeCommand('devBackend.clearApiKey');
      const models = await claudeModels((m) => m.length > 0);
      assert.ok(models.some((m) => m.id === 'claude-sonnet-5-5'), `no Claude Sonnet without a key: ${models.map((m) => m.id).join(', ')}`);
      const requestsBefore = server.requests.length;
      await assert.rejects(collect(models[0], [vscode.LanguageModelChatMessage.User('hi')]), (e: Error) => /needs an Anthropic API key: run 'Dev Backend: Set Anthropic API Key'/.test(e.message));
      assert.equal(server.requests.length, requestsBefore, 'a request went out without a key');
    });

    it('one key change is announced once (log line, warm-up), not once per signal', async () => {
      const api = await devBackend();
      await vscode.commands.executeCommand('devBackend.clearApiKey');
      await sleep(300);
      const before = api.outputLogLines().length;
      assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', KEY), true);
      await sleep(1500);
      const lines = api.outputLogLines().slice(before);
      assert.equal(lines.filter((l) => l.includes('Anthropic API key: set')).length, 1, lines.join('\n'));
      assert.ok(lines.filter((l) => l.includes('ahead of the first run')).length <= 1, lines.join('\n'));
    });

    it('with a key, lists Claude models and streams text and a tool call from the fake server', async () => {
      assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', KEY), true);
      const models = await claudeModels((m) => m.length > 0);
      const ids = models.map((m) => m.id);
      for (const id of ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-5-5']) assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
      const sonnet = models.find((m) => m.id === 'claude-sonnet-5-5');
      assert.ok(sonnet);
      assert.equal(sonnet.vendor, VENDOR);
      assert.equal(sonnet.name, 'Claude Sonnet 5.5');
      assert.ok(sonnet.maxInputTokens >= 200_000);

      server.enqueue({ text: 'Hello from fake Claude.', toolUses: [{ id: 'toolu_a', name: 'read_file', input: { path: 'src/app.ts' } }] });
      const first = await collect(sonnet, [vscode.LanguageModelChatMessage.User('Read the app.')], [READ_FILE_TOOL]);
      assert.equal(first.text, 'Hello from fake Claude.');
      assert.deepEqual(first.calls.map((c) => [c.callId, c.name, c.input]), [['toolu_a', 'read_file', { path: 'src/app.ts' }]]);
      const request = server.messageRequests.at(-1);
      assert.ok(request?.body);
      assert.equal(request.auth.scheme, 'bearer');
      assert.equal(request.auth.keyFingerprint, fingerprint(KEY));
      assert.equal(request.body.model, 'claude-sonnet-5-5');
      assert.deepEqual(request.body.tools?.map((t) => [t.name, t.description]), [['read_file', 'Read a file of the workspace.']]);
      assert.deepEqual((request.body.tools?.[0] as { input_schema?: unknown }).input_schema, READ_FILE_TOOL.inputSchema);

      // The tool result goes back as a tool_result block answering the call.
      server.enqueue({ text: 'It exports an app.' });
      const second = await collect(sonnet, [
        vscode.LanguageModelChatMessage.User('Read the app.'),
        vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelTextPart('Hello.'), new vscode.LanguageModelToolCallPart('toolu_a', 'read_file', { path: 'src/app.ts' })]),
        vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart('toolu_a', [new vscode.LanguageModelTextPart('export const app = 1;')])]),
      ], [READ_FILE_TOOL]);
      assert.equal(second.text, 'It exports an app.');
      const sent = server.messageRequests.at(-1)?.body?.messages ?? [];
      assert.deepEqual(sent.map((m) => m.role), ['user', 'assistant', 'user']);
      const lastContent = sent[2].content as { type: string; tool_use_id?: string; content?: unknown }[];
      assert.equal(lastContent[0].type, 'tool_result');
      assert.equal(lastContent[0].tool_use_id, 'toolu_a');
      assert.match(JSON.stringify(lastContent[0].content), /export const app = 1;/);
    });

    it('a 401 from the server reaches the caller as a clear error without the key', async () => {
      assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', KEY), true);
      const [model] = await claudeModels((m) => m.length > 0);
      assert.ok(model, 'no Claude model with a key set');
      server.enqueue({ httpError: { status: 401, type: 'authentication_error', message: 'invalid x-api-key' } });
      await assert.rejects(collect(model, [vscode.LanguageModelChatMessage.User('hi')]), (e: Error) => {
        assert.match(e.message, /Anthropic API key was rejected \(401\)/);
        assert.match(e.message, /Set Anthropic API Key/);
        assert.ok(!e.message.includes(KEY), 'the error shows the key');
        return true;
      });
    });
  });

  describe('Claude in the model picker: cancellation', () => {
    it('cancelling the request token closes the connection to Anthropic', async () => {
      assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', KEY), true);
      const [model] = await claudeModels((m) => m.length > 0);
      assert.ok(model, 'no Claude model with a key set');
      server.enqueue({ hang: true, afterText: 'Thinking' });
      const index = server.requests.length;
      const source = new vscode.CancellationTokenSource();
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('take your time')], {}, source.token);
      let text = '';
      const reading = (async () => {
        for await (const part of response.stream) {
          if (part instanceof vscode.LanguageModelTextPart) text += part.value;
          if (text === 'Thinking') source.cancel(); // the user presses Stop once the first words arrive
        }
      })();
      assert.equal(await server.whenClosed(index), 'client_closed');
      await reading.catch(() => undefined); // the stream may end or reject on cancellation; either is fine
      assert.equal(text, 'Thinking');
      source.dispose();
    });
  });

  describe('Claude in the model picker, with no other model registered', () => {
    it('lists only our Claude models, and @dev-backend /implement runs through Claude against the fake server', async () => {
      const api = await devBackend();
      const fake = await getFakeLm();
      const implementer = new FakeAnthropicServer({ requireKey: KEY }).respondWith(scriptedImplementer({ fileLines: 12 }));
      await setSetting('apiBaseUrl', await implementer.start());
      await resetRunState(api);
      assert.equal(await vscode.commands.executeCommand('devBackend.setApiKey', KEY), true);
      fake.setRegistered(false);
      try {
        const models = await chatModels((m) => m.length > 0 && m.every((model) => model.vendor === VENDOR));
        assert.ok(models.length >= 3 && models.every((m) => m.vendor === VENDOR), `models: ${models.map((m) => `${m.vendor}/${m.id}`).join(', ')}`);

        const folder = vscode.workspace.workspaceFolders?.[0];
        assert.ok(folder, 'the test needs the sample workspace open');
        await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, 'PRPs', 'auth-api.md'));
        const finished = nextChatRun(api);
        await vscode.commands.executeCommand('workbench.action.chat.newChat');
        // The chat keeps the model picked earlier (the fake one, now gone) and would wait for it: pick Claude.
        const sonnet = models.find((m) => m.id === 'claude-sonnet-5-5') ?? models[0];
        await vscode.commands.executeCommand('workbench.action.chat.changeModel', { vendor: sonnet.vendor, id: sonnet.id, family: sonnet.family });
        await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@dev-backend /implement' });
        const run = await orFail(finished, 45_000, 'the chat never ran @dev-backend /implement on a Claude model');
        assert.equal(run.chatModel?.vendor, VENDOR, 'the chat ran on one of our Claude models');
        assert.equal(run.via, 'anthropic');
        assert.equal(run.outcome?.status, 'completed', run.outcome?.reason ?? run.error);
        assert.ok(implementer.messageRequests.length >= 2, 'the run did not reach the fake server');
        assert.ok(implementer.messageRequests.every((r) => r.auth.keyFingerprint === fingerprint(KEY)));
      } finally {
        fake.setRegistered(true);
        const [fakeModel] = await chatModels((m) => m.some((model) => model.vendor === 'dev-backend-test'), { vendor: 'dev-backend-test' });
        if (fakeModel) await vscode.commands.executeCommand('workbench.action.chat.changeModel', { vendor: fakeModel.vendor, id: fakeModel.id, family: fakeModel.family });
        await resetRunState(api);
        await setSetting('apiBaseUrl', server.baseURL);
        await implementer.stop();
      }
    });
  });

  describe('LanguageModelClient over the fake chat model', () => {
    afterEach(async () => (await getFakeLm()).reset());

    it('returns the model text, with the system prompt as a leading user message and estimated usage', async () => {
      const fake = await getFakeLm();
      const client = new LanguageModelClient(await selectFakeModel());
      const events: ModelStreamEvent[] = [];
      const response = await client.send(
        { model: 'ignored', system: [{ text: 'You are dev-backend.' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'hello there' }] }], tools: [], maxTokens: 100 },
        (e) => events.push(e),
      );
      assert.deepEqual(response.content, [{ type: 'text', text: 'echo: hello there' }]);
      assert.equal(response.stopReason, 'end_turn');
      assert.equal(response.model, 'fake-lm');
      assert.deepEqual(events, [{ type: 'text', text: 'echo: hello there' }]);
      assert.ok(response.usage.inputTokens > 0 && response.usage.outputTokens > 0, JSON.stringify(response.usage));
      const received = fake.requests.at(-1);
      assert.deepEqual(received?.messages.map((m) => [m.role, m.text]), [
        [vscode.LanguageModelChatMessageRole.User, 'You are dev-backend.'],
        [vscode.LanguageModelChatMessageRole.User, 'hello there'],
      ]);
      assert.match(client.label, /Fake LM/);
    });

    it('passes tools, returns tool calls as tool_use blocks, and sends tool results back', async () => {
      const fake = await getFakeLm();
      fake.setResponder((_messages, _options, n) =>
        n === 1 ? ['Reading it.', new vscode.LanguageModelToolCallPart('call_1', 'read_file', { path: 'src/app.ts' })] : 'Done.',
      );
      const client = new LanguageModelClient(await selectFakeModel());
      const events: ModelStreamEvent[] = [];
      const first = await client.send(
        { model: 'x', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'go' }] }], tools: [{ ...READ_FILE_TOOL, inputSchema: { ...READ_FILE_TOOL.inputSchema, required: ['path'] } }], maxTokens: 100 },
        (e) => events.push(e),
      );
      assert.equal(first.stopReason, 'tool_use');
      assert.deepEqual(first.content, [
        { type: 'text', text: 'Reading it.' },
        { type: 'tool_use', id: 'call_1', name: 'read_file', input: { path: 'src/app.ts' } },
      ]);
      assert.deepEqual(events.slice(1), [
        { type: 'tool_use_start', id: 'call_1', name: 'read_file' },
        { type: 'tool_input_delta', id: 'call_1', partialJson: '{"path":"src/app.ts"}' },
      ]);
      assert.deepEqual(fake.requests[0].options.tools?.map((t) => [t.name, t.inputSchema]), [['read_file', READ_FILE_TOOL.inputSchema]]);

      const second = await client.send(
        {
          model: 'x',
          system: [],
          messages: [
            { role: 'user', content: [{ type: 'text', text: 'go' }] },
            { role: 'assistant', content: first.content },
            { role: 'user', content: [{ type: 'tool_result', toolUseId: 'call_1', content: 'no such file', isError: true }] },
          ],
          tools: [],
          maxTokens: 100,
        },
        () => undefined,
      );
      assert.deepEqual(second.content, [{ type: 'text', text: 'Done.' }]);
      const history = fake.requests[1].messages;
      const call = history[1].content.find((p) => p instanceof vscode.LanguageModelToolCallPart) as vscode.LanguageModelToolCallPart | undefined;
      assert.deepEqual([call?.callId, call?.name, call?.input], ['call_1', 'read_file', { path: 'src/app.ts' }]);
      const result = history[2].content[0] as vscode.LanguageModelToolResultPart;
      assert.ok(result instanceof vscode.LanguageModelToolResultPart, 'the tool result is a LanguageModelToolResultPart');
      assert.equal(result.callId, 'call_1');
      assert.equal((result.content[0] as vscode.LanguageModelTextPart).value, 'Error: no such file');
    });

    it('cancels through the request signal with ModelError("cancelled")', async () => {
      const fake = await getFakeLm();
      const controller = new AbortController();
      fake.setResponder(() => {
        controller.abort(); // the user cancels while the model is answering
        return 'too late';
      });
      const client = new LanguageModelClient(await selectFakeModel());
      const request = { model: 'x', system: [], messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'go' }] }], tools: [], maxTokens: 100 };
      const events: ModelStreamEvent[] = [];
      await assert.rejects(client.send({ ...request, signal: controller.signal }, (e) => events.push(e)), (e: { name?: string; kind?: string }) => {
        assert.equal(e.name, 'ModelError');
        assert.equal(e.kind, 'cancelled');
        return true;
      });
      assert.deepEqual(events, [], 'text arriving after the cancel is not forwarded');
      const requestsBefore = fake.requests.length;
      await assert.rejects(client.send({ ...request, signal: AbortSignal.abort() }, () => undefined), (e: { kind?: string }) => e.kind === 'cancelled');
      assert.equal(fake.requests.length, requestsBefore, 'an already-cancelled request never reaches the model');
    });
  });

  describe('LanguageModelClient errors', () => {
    afterEach(async () => (await getFakeLm()).reset());

    it('maps a LanguageModelError from the chat model to a ModelError with words to act on', async () => {
      const fake = await getFakeLm();
      fake.setResponder(() => {
        throw vscode.LanguageModelError.Blocked('quota exceeded');
      });
      const client = new LanguageModelClient(await selectFakeModel());
      await assert.rejects(
        client.send({ model: 'x', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'go' }] }], tools: [], maxTokens: 100 }, () => undefined),
        (e: { name?: string; kind?: string; message: string }) => {
          assert.equal(e.name, 'ModelError');
          assert.match(e.message, /The chat model Fake LM/);
          assert.match(e.message, /quota exceeded/);
          assert.equal(e.kind, 'rate_limit', 'the Blocked code survives the trip between extensions');
          assert.match(e.message, /Wait and try again/);
          return true;
        },
      );
    });
  });

  describe('chooseModelClient', () => {
    it("without a key uses the chat's model and says so; without a chat model asks for a key", async () => {
      const keyStore = new ApiKeyStore(new MemorySecrets(), {});
      const chatModel = await selectFakeModel();
      const choice = await chooseModelClient({ keyStore, settings: readSettings(), chatModel });
      assert.ok('via' in choice);
      assert.equal(choice.via, 'chat-model');
      assert.equal(choice.model, 'fake-lm');
      assert.ok(choice.client instanceof LanguageModelClient);
      assert.equal(choice.notice, "No Anthropic key is set, so this run uses the chat's model (Fake LM). Set one with 'Dev Backend: Set Anthropic API Key' to use Claude directly.");
      assert.deepEqual(await chooseModelClient({ keyStore, settings: readSettings() }), { missingKey: true });
    });

    it("with a key uses Anthropic at the setting's base URL, with the setting's model over the agent's", async () => {
      const secrets = new MemorySecrets();
      const keyStore = new ApiKeyStore(secrets, {});
      await keyStore.set(KEY);
      const choice = await chooseModelClient({ keyStore, settings: { ...readSettings(), model: 'haiku' }, chatModel: await selectFakeModel(), agentModel: 'opus' });
      assert.ok('via' in choice);
      assert.equal(choice.via, 'anthropic');
      assert.equal(choice.model, 'claude-haiku-5-5');
      assert.equal(choice.label, 'Claude Haiku 5.5');
      assert.match(choice.notice ?? '', /^This runs Claude Haiku 5\.5 \(the devBackend\.model setting\) with your Anthropic key, not the chat's Fake LM/);
      server.enqueue({ text: 'direct' });
      const response = await choice.client.send({ model: choice.model, system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], maxTokens: 50 }, () => undefined);
      assert.deepEqual(response.content, [{ type: 'text', text: 'direct' }]);
      assert.equal(server.messageRequests.at(-1)?.auth.keyFingerprint, fingerprint(KEY));
      assert.equal(server.messageRequests.at(-1)?.body?.model, 'claude-haiku-5-5');
    });
  });

  describe('Output log', () => {
    it('never shows the key, and logged what happened', async () => {
      const api = await devBackend();
      const lines = api.outputLogLines();
      assert.ok(lines.some((l) => l.includes('Anthropic API key saved')), `no "key saved" line in:\n${lines.join('\n')}`);
      assert.ok(lines.some((l) => l.includes('via the model picker failed')), 'the 401 was not logged');
      const leaked = lines.filter((l) => l.includes(KEY) || l.includes(KEY.slice(8)));
      assert.deepEqual(leaked, [], 'the API key appears in the output log');
    });
  });
});
