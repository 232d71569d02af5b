import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { hostLayout } from '../../../scripts/host/hostVersions';
import { installEnv } from '../../../scripts/host/installPrerequisites';

describe('installEnv', () => {
  it('drops the outer npm run\'s variables that would send the install elsewhere, keeps registry settings', () => {
    const env = installEnv({
      PATH: '/usr/bin',
      HOME: '/home/u',
      npm_config_local_prefix: '/repo',
      npm_config_prefix: '/usr',
      npm_config_nodedir: '/usr',
      npm_config_user_agent: 'npm/11 node/v20.0.0',
      npm_lifecycle_event: 'test',
      npm_package_name: 'dev-backend',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      INIT_CWD: '/repo',
      npm_config_registry: 'https://registry.example/',
      npm_config_cafile: '/etc/ca.crt',
    });
    assert.deepEqual(env, {
      PATH: '/usr/bin',
      HOME: '/home/u',
      npm_config_registry: 'https://registry.example/',
      npm_config_cafile: '/etc/ca.crt',
    });
  });
});

describe('hostLayout', () => {
  it('keys the install folder by code-server and Node versions under the cache root', () => {
    const layout = hostLayout('/cache/dev-backend');
    assert.equal(layout.dir, path.join('/cache/dev-backend', 'vscode-host', 'code-server-4.139.1-node-24.21.0'));
    assert.equal(layout.nodeBin, path.join(layout.dir, 'node', 'bin', 'node'));
    assert.ok(layout.marker.startsWith(layout.dir));
    assert.ok(!layout.lockDir.startsWith(`${layout.dir}/`), 'the lock must survive removing a half install');
  });
});
