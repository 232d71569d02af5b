import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { ripgrepInVscode, ripgrepOnPath } from '../../../src/core/search/ripgrepLocator';

describe('ripgrepLocator', () => {
  let base: string;
  beforeEach(async () => {
    base = await mkdtemp(nodePath.join(tmpdir(), 'dev-backend-rg-'));
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  async function executable(path: string): Promise<string> {
    const full = nodePath.join(base, path);
    await mkdir(nodePath.dirname(full), { recursive: true });
    await writeFile(full, '#!/bin/sh\n');
    await chmod(full, 0o755);
    return full;
  }

  it('finds VS Code ripgrep-universal for the platform, then the older @vscode/ripgrep, desktop builds unpacked beside the asar', async () => {
    assert.equal(ripgrepInVscode(base, 'linux', 'x64'), undefined);
    const old = await executable('node_modules.asar.unpacked/@vscode/ripgrep/bin/rg');
    assert.equal(ripgrepInVscode(base, 'linux', 'x64'), old);
    await executable('node_modules/@vscode/ripgrep-universal/bin/darwin-arm64/rg');
    const universal = await executable('node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg');
    assert.equal(ripgrepInVscode(base, 'linux', 'x64'), universal);
    assert.equal(ripgrepInVscode(base, 'linux', 'arm64'), old);
    const windows = await executable('node_modules/@vscode/ripgrep-universal/bin/win32-x64/rg.exe');
    assert.equal(ripgrepInVscode(base, 'win32', 'x64'), windows);
  });

  it('finds rg on PATH only as an executable file', async () => {
    await mkdir(nodePath.join(base, 'dir/rg'), { recursive: true });
    const plain = nodePath.join(base, 'plain/rg');
    await mkdir(nodePath.dirname(plain), { recursive: true });
    await writeFile(plain, 'not executable');
    const real = await executable('bin/rg');
    const dirs = ['dir', 'plain', 'bin'].map((d) => nodePath.join(base, d));
    assert.equal(ripgrepOnPath({ PATH: dirs.join(':') }, 'linux'), real);
    assert.equal(ripgrepOnPath({ PATH: dirs.slice(0, 2).join(':') }, 'linux'), undefined);
    assert.equal(ripgrepOnPath({}, 'linux'), undefined);
  });
});
