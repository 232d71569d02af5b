import * as assert from 'node:assert/strict';
import type { Uri, WorkspaceFolder } from 'vscode';
import { runFolderProblem } from '../../../src/vscode/run/runFolder';

function folder(name: string, index: number): WorkspaceFolder {
  const uri = { toString: () => `file:///work/${name}` } as Uri;
  return { uri, name, index };
}

describe('runFolderProblem', () => {
  const api = folder('api', 0);
  const web = folder('web', 1);

  it('accepts a PRP in the run folder, outside every folder, or with no folder open', () => {
    assert.equal(runFolderProblem('PRPs/auth.md', api, api), undefined);
    assert.equal(runFolderProblem('PRPs/auth.md', folder('api', 0), api), undefined, 'the same folder seen twice');
    assert.equal(runFolderProblem('/tmp/auth.md', undefined, api), undefined);
    assert.equal(runFolderProblem('/tmp/auth.md', undefined, undefined), undefined);
  });

  it('refuses a PRP of another folder of a multi-root workspace, saying what to do', () => {
    assert.equal(
      runFolderProblem('web/PRPs/auth.md', web, api),
      'web/PRPs/auth.md is in the workspace folder "web", but dev-backend reads and changes files only in the first folder, "api". ' +
        'Open "web" on its own, or move it to the top of the workspace\'s folders.',
    );
  });
});
