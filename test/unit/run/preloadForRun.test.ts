// preloadForRun, in a fresh Node process each time, so what it loads is not already loaded by other tests.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const CORE = path.join(__dirname, '..', '..', '..', 'src', 'core');

/** Runs preloadForRun in a new process; returns what it reported and which of the lazily loaded modules Node then holds. */
function preloadInFreshProcess(anthropicClient: boolean): { loaded: string[]; inCache: string[] } {
  const script = `
    const path = require('node:path');
    const core = ${JSON.stringify(CORE)};
    const watched = { libraries: path.join(core, 'libraries', 'libraries.js'), anthropicClient: path.join(core, 'llm', 'anthropicClient.js') };
    const before = Object.keys(watched).filter((k) => require.cache[watched[k]]);
    if (before.length) throw new Error('already loaded before preloading: ' + before);
    require(path.join(core, 'run', 'preloadForRun.js')).preloadForRun({ anthropicClient: ${anthropicClient} }).then((loaded) => {
      process.stdout.write(JSON.stringify({ loaded, inCache: Object.keys(watched).filter((k) => require.cache[watched[k]]) }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { loaded: string[]; inCache: string[] };
}

describe('preloadForRun', function () {
  this.timeout(20_000);

  it('loads the libraries, and the Anthropic client only when asked', () => {
    assert.deepEqual(preloadInFreshProcess(false), { loaded: ['the PRP and tool libraries'], inCache: ['libraries'] });
    assert.deepEqual(preloadInFreshProcess(true), {
      loaded: ['the PRP and tool libraries', 'the Anthropic client'],
      inCache: ['libraries', 'anthropicClient'],
    });
  });
});
