import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { checkPathSyntax, resolveWorkspacePath } from '../../../src/core/changes/pathGuard';
import { isSecretPath } from '../../../src/core/changes/secretPaths';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';

describe('path guard', () => {
  let tmp: TempWorkspace;

  before(async () => {
    tmp = await makeTempWorkspace({
      'src/app.ts': 'export {};\n',
      '.git/config': '[core]\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'node_modules/\n',
    });
    await tmp.write('../outside/passwd', 'root:x:0:0\n');
    await tmp.link('escape', tmp.outside);
    await tmp.link('outfile.txt', nodePath.join(tmp.outside, 'passwd'));
    await tmp.link('dangling', nodePath.join(tmp.base, 'nowhere'));
    await tmp.link('gitlink', nodePath.join(tmp.root, '.git'));
    await tmp.link('src/deep/up', '../../..');
    await tmp.link('inlink', nodePath.join(tmp.root, 'src'));
  });
  after(() => tmp.cleanup());

  const hostile: [label: string, path: unknown][] = [
    ['empty', ''],
    ['not a string', 42],
    ['posix absolute', '/etc/passwd'],
    ['root slash', '/'],
    ['windows drive backslash', 'C:\\Windows\\System32'],
    ['windows drive slash', 'C:/Windows'],
    ['drive-relative', 'c:foo.txt'],
    ['UNC backslash', '\\\\server\\share\\x'],
    ['UNC slash', '//server/share'],
    ['device path', '\\\\?\\C:\\x'],
    ['backslash dotdot', '..\\..\\x'],
    ['plain dotdot', '../x'],
    ['dotdot alone', '..'],
    ['dotdot after a dir', 'src/../../etc/passwd'],
    ['mixed separators', 'src/\\..\\..\\..\\x'],
    ['NUL byte', 'a/\u0000b'],
    ['newline', 'a\nb.ts'],
    ['DEL', 'a\u007fb'],
    ['home', '~/.ssh/id_rsa'],
    ['tilde alone', '~'],
    ['file URL', 'file:///etc/passwd'],
    ['https URL', 'https://example.com/x.ts'],
    ['alternate data stream', 'file.txt::$DATA'],
    ['colon', 'a:b'],
    ['.git/config', '.git/config'],
    ['.GIT/HEAD', '.GIT/HEAD'],
    ['nested .git', 'src/.git/config'],
    ['mixed-case nested .Git', 'sub/.Git/objects/x'],
    ['.git itself', '.git'],
    ['.git with a trailing dot', '.git./config'],
    ['.git 8.3 short name', 'GIT~1/config'],
    ['zero-width joiner in .git', '.g\u200cit/config'],
    ['bidi override', 'x\u202Egnp.ts'],
    ['BOM', '\ufeffsrc/app.ts'],
    ['leading space', ' src/app.ts'],
    ['trailing space', 'src/app.ts '],
    ['reserved device name', 'CON'],
    ['reserved device name with extension', 'src/nul.txt'],
    ['wildcard', 'src/*.ts'],
    ['the root', '.'],
    ['the root with slash', './'],
    ['back to the root', 'src/..'],
    ['overlong segment', 'a'.repeat(300)],
    ['overlong path', 'a/'.repeat(600) + 'b'],
    ['symlinked directory out of the workspace', 'escape/passwd'],
    ['the symlink out itself', 'escape'],
    ['new file under an outside symlink', 'escape/new.ts'],
    ['symlinked file out of the workspace', 'outfile.txt'],
    ['dangling symlink', 'dangling'],
    ['through a dangling symlink', 'dangling/x.ts'],
    ['symlink into .git', 'gitlink/config'],
    ['symlink climbing out', 'src/deep/up/outside/passwd'],
  ];

  it('has a table of at least 30 hostile paths', () => {
    assert.ok(hostile.length >= 30);
  });

  for (const [label, path] of hostile) {
    it(`refuses ${label}: ${JSON.stringify(path)}`, async () => {
      const result = await resolveWorkspacePath(tmp.workspace, path);
      assert.equal(result.ok, false, `accepted ${JSON.stringify(path)}`);
      if (!result.ok) assert.match(result.reason, /^Path refused: .+\.$/);
    });
  }

  const legit: [input: string, path: string, target?: string][] = [
    ['src/app.ts', 'src/app.ts'],
    ['./src/app.ts', 'src/app.ts'],
    ['src//app.ts', 'src/app.ts'],
    ['src/./lib/../app.ts', 'src/app.ts'],
    ['src\\win\\path.ts', 'src/win/path.ts'],
    ['new/dir/file.ts', 'new/dir/file.ts'],
    ['.github/workflows/ci.yml', '.github/workflows/ci.yml'],
    ['.gitignore', '.gitignore'],
    ['.gitattributes', '.gitattributes'],
    ['docs/my file.md', 'docs/my file.md'],
    ['ünïcode/名前.ts', 'ünïcode/名前.ts'],
    ['inlink/app.ts', 'inlink/app.ts', 'src/app.ts'],
    ['inlink/new.ts', 'inlink/new.ts', 'src/new.ts'],
  ];
  for (const [input, path, target] of legit) {
    it(`accepts ${JSON.stringify(input)} as ${path}`, async () => {
      const result = await resolveWorkspacePath(tmp.workspace, input);
      assert.deepEqual(result, { ok: true, path, target: target ?? path });
    });
  }

  it('explains how to recover', async () => {
    const result = await resolveWorkspacePath(tmp.workspace, '../x');
    assert.deepEqual(result, {
      ok: false,
      reason: 'Path refused: the path escapes the workspace; use a path relative to the workspace root, like "src/app.ts".',
    });
    const git = checkPathSyntax('.git/config');
    assert.ok(!git.ok && git.reason.includes('.git/'));
    const link = await resolveWorkspacePath(tmp.workspace, 'escape/passwd');
    assert.ok(!link.ok && link.reason.includes('goes through a symlink that leads outside the workspace'));
  });
});

describe('isSecretPath', () => {
  const secrets = [
    '.env',
    '.env.local',
    '.env.production',
    'config/.ENV',
    'prod.env',
    'certs/server.pem',
    'tls/private.key',
    'id_rsa',
    'home/id_rsa.pub',
    'id_ed25519',
    'store.p12',
    'cert.pfx',
    '.npmrc',
    '.netrc',
    'deploy/.aws/config',
    '.ssh/known_hosts',
    'credentials.json',
    '.git-credentials',
    'infra/terraform.tfstate',
    '.envrc',
    '.env-production',
    '.env~',
    '.env_local',
    'config/.ENV.local~',
    '.kube/config',
    '.vault-token',
    'deploy/service-account.json',
    'gcp/service_account_prod.json',
    '.s3cfg',
    '.boto',
    '.config/gh/hosts.yml',
    '.terraformrc',
    '.composer/auth.json',
    'auth.json',
    'keys/AuthKey_ABC123.p8',
    'home/.terraform.d/credentials.tfrc.json',
  ];
  const ordinary = [
    'src/app.ts',
    '.env.example',
    '.env.sample',
    '.env.template',
    'src/env.ts',
    'src/keys.ts',
    'docs/environment.md',
    'src/monkey.ts',
    'README.md',
    'src/config/secrets.ts',
    '.gitignore',
    'package.json',
    '.environment.md',
    'src/envrc.ts',
    'src/api/auth.json',
    'docs/gh/hosts.md',
  ];
  for (const path of secrets) it(`flags ${path}`, () => assert.equal(isSecretPath(path), true));
  for (const path of ordinary) it(`does not flag ${path}`, () => assert.equal(isSecretPath(path), false));
});
