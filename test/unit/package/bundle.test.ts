// What activation compiles: the extension bundle leaves the SDK and the third-party libraries to the files it
// loads on first use (scripts/build.mjs), and those files hold what the lazy loaders expect.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import * as compiledLibraries from '../../../src/core/libraries/libraries';
import * as compiledRegexEngine from '../../../src/core/libraries/regexEngine';

const ROOT = nodePath.join(__dirname, '..', '..', '..', '..');
const DIST = nodePath.join(ROOT, 'dist');

const LOADED_ON_FIRST_USE = ['@anthropic-ai/sdk', 'yaml', 'js-yaml', 'gray-matter', 'picomatch', 'ignore', 'tinyglobby', 'fdir', 'diff', 're2js'];

describe('the extension bundle (npm run build)', () => {
  it('does not contain the SDK or the third-party libraries', () => {
    const metafile = JSON.parse(readFileSync(nodePath.join(DIST, 'extension.meta.json'), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown> }>;
    };
    const inputs = Object.keys(metafile.outputs['dist/extension.js']?.inputs ?? {});
    assert.ok(inputs.some((input) => input === 'src/extension.ts'), 'the metafile describes the extension bundle');
    const packages = new Set(inputs.map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]).filter((p) => p !== undefined));
    assert.deepEqual(LOADED_ON_FIRST_USE.filter((name) => packages.has(name)), []);
  });

  it('requires the separate files by paths relative to itself', () => {
    const bundle = readFileSync(nodePath.join(DIST, 'extension.js'), 'utf8');
    assert.match(bundle, /require\("\.\/libraries\.js"\)/);
    assert.match(bundle, /require\("\.\/regexEngine\.js"\)/);
    assert.match(bundle, /require\("\.\/anthropicClient\.js"\)/);
  });

  it('dist/libraries.js exports what src/core/libraries/libraries.ts does, and works', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(nodePath.join(DIST, 'libraries.js')) as typeof compiledLibraries;
    assert.deepEqual(Object.keys(bundled).sort(), Object.keys(compiledLibraries).sort());
    assert.deepEqual(bundled.parseYaml('name: dev-backend\ntools: [Read, Write]'), { name: 'dev-backend', tools: ['Read', 'Write'] });
    assert.equal(bundled.picomatch('src/**/*.ts')('src/core/a.ts'), true);
    assert.equal(bundled.ignore().add('node_modules/').ignores('node_modules/x.js'), true);
  });

  it('dist/regexEngine.js holds the linear-time regex engine the search tool uses', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(nodePath.join(DIST, 'regexEngine.js')) as typeof compiledRegexEngine;
    assert.deepEqual(Object.keys(bundled).sort(), Object.keys(compiledRegexEngine).sort());
    assert.equal(bundled.RE2JS.compile('(?i)require\\w+').matcher('app.use(RequireAuth)').find(), true);
  });
});
