import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { developmentExtensionsFolder } from '../../../scripts/host/developmentExtensions';

describe('developmentExtensionsFolder', () => {
  let root = '';
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-ext-test-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function extension(name: string, manifest: object | undefined): string {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    if (manifest) fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
    return dir;
  }

  it('passes a single extension through unchanged', () => {
    const only = extension('one', { publisher: 'p', name: 'one' });
    const result = developmentExtensionsFolder([only]);
    assert.equal(result.folder, only);
    result.dispose();
    assert.ok(fs.existsSync(only));
  });

  it('links several extensions into one folder (no package.json of its own) and removes it on dispose', () => {
    const main = extension('main', { publisher: 'dev-backend', name: 'dev-backend' });
    const broken = extension('fake', undefined);
    const result = developmentExtensionsFolder([main, broken]);
    assert.equal(fs.existsSync(path.join(result.folder, 'package.json')), false);
    assert.deepEqual(fs.readdirSync(result.folder).sort(), ['0-dev-backend.dev-backend', '1-fake']);
    assert.equal(fs.realpathSync(path.join(result.folder, '0-dev-backend.dev-backend')), fs.realpathSync(main));
    result.dispose();
    assert.equal(fs.existsSync(result.folder), false);
    assert.ok(fs.existsSync(main), 'dispose must not follow the links');
  });
});
