import * as assert from 'node:assert/strict';
import { workbenchUrl } from '../../../scripts/host/workbench';

describe('workbenchUrl', () => {
  it('opens the folder and carries one development path and the tests path as vscode-remote URIs', () => {
    const url = new URL(workbenchUrl('http://127.0.0.1:4321', '/tmp/ws/notes api', {
      extensionDevelopmentPath: '/repo/dev extensions',
      extensionTestsPath: '/repo/out/test/integration/index.js',
    }));
    assert.equal(url.origin, 'http://127.0.0.1:4321');
    assert.equal(url.searchParams.get('folder'), '/tmp/ws/notes api');
    assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? ''), [
      ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4321/repo/dev%20extensions'],
      ['extensionTestsPath', 'vscode-remote://127.0.0.1:4321/repo/out/test/integration/index.js'],
    ]);
  });

  it('leaves the tests path out when there is none (npm start)', () => {
    const url = new URL(workbenchUrl('http://127.0.0.1:8080', '/w', { extensionDevelopmentPath: '/repo' }));
    assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? ''), [['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:8080/repo']]);
  });
});
