// The lint configuration itself: each layering rule fails on a deliberate violation in a scratch project laid out
// like this one (src/core, src/cli, src/vscode, test), linted with the repository's eslint.config.mjs.
import * as assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { ESLint } from 'eslint';

const REPO = nodePath.join(__dirname, '..', '..', '..', '..');

const PROBES: Record<string, string> = {
  'src/core/run/intoAdapters.ts': "import { x } from '../../vscode/run/runController';\nexport const y = x;\n",
  'src/core/run/intoCli.ts': "import { x } from '../../cli/main';\nexport const y = x;\n",
  'src/core/run/objectInTemplate.ts': 'const warning = { message: "m", line: 1 };\nexport const text = `prp: ${warning}`;\n',
  'src/core/run/numberInTemplate.ts': 'const line = 3;\nexport const text = `line ${line}`;\n',
  'src/cli/intoAdapters.ts': "import { x } from '../vscode/api';\nexport const y = x;\n",
  'src/vscode/run/intoTests.ts': "import { x } from '../../../test/fakes/fakeAnthropicServer';\nexport const y = x;\n",
  'src/vscode/chat/usesCore.ts': "import { x } from '../../core/run/agentRun';\nexport const y = x;\n",
  // src/core/alpha and src/core/beta import each other: a folder cycle.
  'src/core/alpha/a.ts': "import { b } from '../beta/b';\nexport const a = b + 1;\n",
  'src/core/beta/b.ts': "import type { Alpha } from '../alpha/types';\nexport const b: Alpha = 1;\n",
  'src/core/alpha/types.ts': 'export type Alpha = number;\n',
  'test/unit/focused.test.ts': "describe.only('only this', () => undefined);\nit.only('and this', () => undefined);\n",
};

describe('lint configuration', function () {
  this.timeout(180_000); // a type-aware lint of a scratch project; slow on a loaded machine
  let root: string;
  let messages: Map<string, string[]>;

  before(async () => {
    root = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-lint-'));
    for (const [path, text] of Object.entries(PROBES)) {
      await mkdir(nodePath.dirname(nodePath.join(root, path)), { recursive: true });
      await writeFile(nodePath.join(root, path), text);
    }
    const tsconfig = { compilerOptions: { strict: true, target: 'ES2022', module: 'node16', types: [], noEmit: true }, include: ['src', 'test'] };
    await writeFile(nodePath.join(root, 'tsconfig.json'), JSON.stringify(tsconfig));
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: nodePath.join(REPO, 'eslint.config.mjs'),
      overrideConfig: { languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: root } } },
    });
    messages = new Map();
    for (const result of await eslint.lintFiles(['src', 'test'])) {
      const path = nodePath.relative(root, result.filePath).split(nodePath.sep).join('/');
      messages.set(path, result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`));
    }
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const of = (path: string): string[] => messages.get(path) ?? assert.fail(`${path} was not linted`);

  it('src/core cannot import the vscode adapters or the CLI', () => {
    assert.match(of('src/core/run/intoAdapters.ts').join('\n'), /no-restricted-imports: .*only src\/vscode and src\/extension\.ts may import the vscode adapters/);
    assert.match(of('src/core/run/intoCli.ts').join('\n'), /no-restricted-imports: .*src\/core must not import the CLI/);
  });

  it('src/cli cannot import the vscode adapters; src cannot import tests', () => {
    assert.match(of('src/cli/intoAdapters.ts').join('\n'), /no-restricted-imports: .*vscode adapters/);
    assert.match(of('src/vscode/run/intoTests.ts').join('\n'), /no-restricted-imports: .*src must not import tests or benchmarks/);
  });

  it('an adapter may import the core', () => {
    assert.deepEqual(of('src/vscode/chat/usesCore.ts'), []);
  });

  it('an object in a template literal fails; a number does not', () => {
    assert.match(of('src/core/run/objectInTemplate.ts').join('\n'), /restrict-template-expressions/);
    assert.deepEqual(of('src/core/run/numberInTemplate.ts'), []);
  });

  it('two folders importing each other fail, type-only imports included', () => {
    assert.match(of('src/core/alpha/a.ts').join('\n'), /no-folder-cycles: folder cycle: src\/core\/alpha imports src\/core\/beta/);
    assert.match(of('src/core/beta/b.ts').join('\n'), /no-folder-cycles: folder cycle: src\/core\/beta imports src\/core\/alpha/);
    assert.deepEqual(of('src/core/alpha/types.ts'), []);
  });

  it('a committed .only fails', () => {
    const found = of('test/unit/focused.test.ts').join('\n');
    assert.match(found, /'describe\.only' is restricted/);
    assert.match(found, /'it\.only' is restricted/);
  });
});
