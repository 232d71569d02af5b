// dist/extension.js and dist/runtime.js each have their own copy of the error classes that cross between them
// (a ModelError from VS Code's model client caught by the agent loop; a RunSetupError from an editor port thrown
// through the session). A second copy of each module, loaded fresh, stands for the other file's copy here.
import * as assert from 'node:assert/strict';
import { ModelError } from '../../../src/core/llm/modelClient';
import { RunSetupError } from '../../../src/core/run/runSetupError';
import { FileChangedError } from '../../../src/core/workspace/workspace';

/** The module at `modulePath` evaluated again: its classes are distinct from the ones imported above. */
function secondCopy<T>(modulePath: string): T {
  const resolved = require.resolve(modulePath);
  const cached = require.cache[resolved];
  delete require.cache[resolved];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(resolved) as T;
  } finally {
    if (cached) require.cache[resolved] = cached;
  }
}

describe('errors that cross between the extension bundle and dist/runtime.js', () => {
  it('a ModelError of the other copy is a ModelError here, with its kind', () => {
    const other = secondCopy<typeof import('../../../src/core/llm/modelClient')>('../../../src/core/llm/modelClient');
    assert.notEqual(other.ModelError, ModelError, 'the test loads a distinct copy');
    const error: unknown = new other.ModelError('rate_limit', 'Slow down.', 3);
    assert.ok(error instanceof ModelError);
    assert.equal(error.kind, 'rate_limit');
    assert.equal(error.retryAfterSeconds, 3);
  });

  it('a RunSetupError of the other copy is a RunSetupError here, with its action', () => {
    const other = secondCopy<typeof import('../../../src/core/run/runSetupError')>('../../../src/core/run/runSetupError');
    assert.notEqual(other.RunSetupError, RunSetupError);
    const error: unknown = new other.RunSetupError('No API key.', { title: 'Set Key', command: 'devBackend.setApiKey' });
    assert.ok(error instanceof RunSetupError);
    assert.equal(error.action?.command, 'devBackend.setApiKey');
  });

  it('a FileChangedError of the other copy is a FileChangedError here', () => {
    const other = secondCopy<typeof import('../../../src/core/workspace/workspace')>('../../../src/core/workspace/workspace');
    assert.notEqual(other.FileChangedError, FileChangedError);
    assert.ok(new other.FileChangedError('src/a.ts') instanceof FileChangedError);
  });

  it('other errors, even of the same name, are not', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'ModelError', kind: 'unknown' });
    assert.ok(!(lookalike instanceof ModelError));
    assert.ok(!(new Error('x') instanceof RunSetupError));
    assert.ok(!(new ModelError('unknown', 'x') instanceof RunSetupError));
    assert.ok(!(new RunSetupError('x') instanceof FileChangedError));
  });
});
