// What activation compiles: the extension bundle leaves the run machinery, the SDK and the third-party libraries to
// the files it loads on first use (scripts/build.mjs), and those files hold what the lazy loaders expect.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import * as compiledLibraries from '../../../src/core/libraries/libraries';
import * as compiledRegexEngine from '../../../src/core/libraries/regexEngine';
import * as compiledRuntime from '../../../src/core/runtime/runtime';

const ROOT = nodePath.join(__dirname, '..', '..', '..', '..');
const DIST = nodePath.join(ROOT, 'dist');

const LOADED_ON_FIRST_USE = ['@anthropic-ai/sdk', 'yaml', 'js-yaml', 'gray-matter', 'picomatch', 'ignore', 'tinyglobby', 'fdir', 'diff', 're2js'];

/** The folders of the run machinery (dist/runtime.js), and the small leaves of them the editor uses at activation. */
const RUN_FOLDERS = ['src/core/prp/', 'src/core/tools/', 'src/core/commands/', 'src/core/run/', 'src/core/session/', 'src/core/validation/', 'src/core/search/', 'src/core/agents/'];
const EAGER_LEAVES = [
  'src/core/commands/commandSettings.ts',
  'src/core/prp/prpLikeness.ts',
  'src/core/prp/statusMarks.ts',
  'src/core/prp/taskStarts.ts',
  'src/core/run/runSetupError.ts',
  'src/core/run/workspaceTrust.ts',
  'src/core/validation/gate.ts',
  'src/core/validation/gateConsent.ts',
  'src/core/validation/validatedChanges.ts',
  'src/core/validation/validationReport.ts',
];

function bundleInputs(metafileName: string, output: string): string[] {
  const metafile = JSON.parse(readFileSync(nodePath.join(DIST, metafileName), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  return Object.keys(metafile.outputs[output]?.inputs ?? {});
}

const packagesIn = (inputs: string[]): Set<string> =>
  new Set(inputs.map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]).filter((p) => p !== undefined));

describe('the extension bundle (npm run build)', () => {
  it('does not contain the SDK or the third-party libraries', () => {
    const inputs = bundleInputs('extension.meta.json', 'dist/extension.js');
    assert.ok(inputs.some((input) => input === 'src/extension.ts'), 'the metafile describes the extension bundle');
    const packages = packagesIn(inputs);
    assert.deepEqual(LOADED_ON_FIRST_USE.filter((name) => packages.has(name)), []);
  });

  it('does not contain the run machinery, only the small leaves of it the editor uses at activation', () => {
    const inputs = bundleInputs('extension.meta.json', 'dist/extension.js');
    const run = inputs.filter((input) => RUN_FOLDERS.some((folder) => input.startsWith(folder)));
    assert.deepEqual(run.filter((input) => !EAGER_LEAVES.includes(input)), []);
    for (const moved of ['src/core/session/runSession.ts', 'src/core/prp/prpParser.ts', 'src/core/plan/offlinePlanner.ts', 'src/core/commands/commandRunner.ts', 'src/core/tools/index.ts']) {
      assert.ok(!inputs.includes(moved), moved);
    }
  });

  it('dist/runtime.js holds the run machinery and leaves the SDK and the libraries to their own files', () => {
    const inputs = bundleInputs('runtime.meta.json', 'dist/runtime.js');
    for (const file of ['src/core/session/runSession.ts', 'src/core/prp/prpParser.ts', 'src/core/commands/commandRunner.ts', 'src/core/tools/index.ts']) {
      assert.ok(inputs.includes(file), file);
    }
    const packages = packagesIn(inputs);
    assert.deepEqual(LOADED_ON_FIRST_USE.filter((name) => packages.has(name)), []);
    assert.ok(!inputs.some((input) => input.startsWith('src/vscode/')), 'no editor code in the runtime');
    const bundle = readFileSync(nodePath.join(DIST, 'runtime.js'), 'utf8');
    assert.match(bundle, /require\("\.\/libraries\.js"\)/);
  });

  it('dist/runtime.js exports what src/core/runtime/runtime.ts does, and works', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(nodePath.join(DIST, 'runtime.js')) as typeof compiledRuntime;
    assert.deepEqual(Object.keys(bundled).sort(), Object.keys(compiledRuntime).sort());
    const prp = '# Feature\n## Goal\nA thing.\n## Implementation Blueprint\n### Tasks\n```yaml\nTask 1:\nCREATE src/a.ts:\n  - export a\n```\n';
    const { plan } = bundled.planOfPrp(prp, 'PRPs/feature.md');
    assert.deepEqual(plan.todos.map((t) => t.content), compiledRuntime.planOfPrp(prp, 'PRPs/feature.md').plan.todos.map((t) => t.content));
    assert.ok(plan.todos.length > 0);
  });

  it('requires the separate files by paths relative to itself', () => {
    const bundle = readFileSync(nodePath.join(DIST, 'extension.js'), 'utf8');
    assert.match(bundle, /require\("\.\/libraries\.js"\)/);
    assert.match(bundle, /require\("\.\/anthropicClient\.js"\)/);
    assert.match(bundle, /require\("\.\/runtime\.js"\)/);
    // The search tool's regex engine is the runtime's to load.
    const runtime = readFileSync(nodePath.join(DIST, 'runtime.js'), 'utf8');
    assert.match(runtime, /require\("\.\/regexEngine\.js"\)/);
    assert.match(runtime, /require\("\.\/anthropicClient\.js"\)/);
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
