// Secret values in ordinary files are redacted in everything read to the model; secret files stay out of
// the printed diff and the JSON report.
import assert from 'node:assert/strict';
import { ChangeSet } from '../../../src/core/changes/changeSet';
import { changeEntriesForReport } from '../../../src/core/changes/changeSetJson';
import { redactSecrets } from '../../../src/core/changes/secretContent';
import { runTool } from '../../../src/core/tools';
import { makeTempWorkspace, type TempWorkspace } from '../workspace/tempWorkspace';
import { ENGINES, makeContext } from './toolHarness';

// Made-up values in each format (the AWS one is AWS's documented example key).
const SECRETS: Record<string, string> = {
  'private key': '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1c2V0dGluZ3MtYXJlLW5vdC1yZWFs\nZmFrZS1rZXktZm9yLXRlc3Rz\n-----END RSA PRIVATE KEY-----',
  'AWS access key': 'AKIAIOSFODNN7EXAMPLE',
  'AWS secret access key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'GitHub token': 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
  'Anthropic API key': 'sk-ant-api03-' + 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe',
  'OpenAI API key': 'sk-proj-' + 'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c2',
  'Slack token': 'xoxb-' + '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  'Stripe secret key': 'sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc',
  JWT: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
};

const CONFIG = [
  'export const config = {',
  `  awsKeyId: '${SECRETS['AWS access key']}',`,
  `  aws_secret_access_key: '${SECRETS['AWS secret access key']}',`,
  `  github: '${SECRETS['GitHub token']}',`,
  `  anthropic: '${SECRETS['Anthropic API key']}',`,
  `  openai: '${SECRETS['OpenAI API key']}',`,
  `  slack: '${SECRETS['Slack token']}',`,
  `  stripe: '${SECRETS['Stripe secret key']}',`,
  `  session: '${SECRETS.JWT}',`,
  `  key: \`${SECRETS['private key']}\`,`,
  '  port: 3000,',
  '};',
  '',
].join('\n');

describe('secret values in ordinary files', () => {
  let tmp: TempWorkspace;

  beforeEach(async () => {
    tmp = await makeTempWorkspace({
      'src/config.ts': CONFIG,
      'keys/sa.json': `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n"}\n`,
      '.gitignore': 'build/\n.env.local\n',
      'build/out.js': 'console.log(1);\n',
      '.env.local': 'TOKEN=abc\n',
      '.envrc': 'export TOKEN=abc\n',
    });
  });
  afterEach(() => tmp.cleanup());

  it('read_file shows each kind as a placeholder, keeps line numbers, and tells the model', async () => {
    const { ctx } = makeContext(tmp);
    const result = await runTool('read_file', { path: 'src/config.ts' }, ctx);
    assert.equal(result.isError, false);
    for (const [kind, value] of Object.entries(SECRETS)) {
      for (const part of value.split('\n').filter((l) => !l.startsWith('-----'))) {
        assert.ok(!result.content.includes(part), `${kind} leaked: ${part}`);
      }
      assert.ok(result.content.includes(`[REDACTED SECRET: ${kind}]`), kind);
    }
    assert.match(result.content, /^\s+14\t {2}port: 3000,$/m);
    assert.match(result.content, /Secret values in this output \(.*\) are shown as \[REDACTED SECRET: \.\.\.\]/);
    const sa = await runTool('read_file', { path: 'keys/sa.json' }, ctx);
    assert.doesNotMatch(sa.content, /MIIEvQ/);
  });

  for (const engine of ENGINES) {
    it(`search neither finds nor shows secret values (${engine})`, async () => {
      const { ctx } = makeContext(tmp, { engine });
      const byValue = await runTool('search', { query: 'AKIAIOSFODNN7' }, ctx);
      assert.match(byValue.content, /^No matches/);
      const byName = await runTool('search', { query: 'github' }, ctx);
      assert.match(byName.content, /src\/config\.ts:4: github: '\[REDACTED SECRET: GitHub token\]',/);
      assert.match(byName.content, /are shown as \[REDACTED SECRET/);
    });
  }

  it('a placeholder is never written back over the real value', async () => {
    const { ctx } = makeContext(tmp);
    const edit = await runTool('edit_file', { path: 'src/config.ts', old_string: '  port: 3000,', new_string: "  github: '[REDACTED SECRET: GitHub token]'," }, ctx);
    assert.equal(edit.isError, true);
    assert.match(edit.content, /placeholder, which stands for a value you were not shown/);
    const write = await runTool('write_file', { path: 'src/config.ts', content: "export const github = '[REDACTED SECRET: GitHub token]';\n" }, ctx);
    assert.equal(write.isError, true);
    assert.equal(ctx.changes.size, 0);
  });

  it('shows everything when the user allows secrets', async () => {
    const { ctx } = makeContext(tmp, { allowSecretFiles: true });
    const result = await runTool('read_file', { path: 'src/config.ts' }, ctx);
    assert.ok(result.content.includes(SECRETS['AWS access key'] ?? 'missing'));
  });

  it('one rule for .gitignore: read_file reads an ignored file by its path, secrets stay refused either way', async () => {
    const { ctx } = makeContext(tmp);
    assert.equal((await runTool('read_file', { path: 'build/out.js' }, ctx)).isError, false);
    assert.doesNotMatch((await runTool('list_files', {}, ctx)).content, /build\/out\.js/);
    for (const path of ['.env.local', '.envrc']) {
      const secret = await runTool('read_file', { path }, ctx);
      assert.equal(secret.isError, true, path);
      assert.match(secret.content, /looks like a secret file/);
    }
  });

  it('redaction is linear on hostile input', () => {
    const hostile = '-----BEGIN PRIVATE KEY-----'.repeat(20000) + 'sk-ant-'.repeat(50000) + 'eyJ'.repeat(50000);
    const redacted = redactSecrets(hostile);
    assert.ok(redacted.kinds.includes('private key'));
  });
});

describe('secret files in the printed diff and JSON report', () => {
  let tmp: TempWorkspace;
  beforeEach(async () => {
    tmp = await makeTempWorkspace({ '.env': 'DB_PASSWORD=old-hunter2\n', 'src/app.ts': 'a\n' });
  });
  afterEach(() => tmp.cleanup());

  it('says that a secret file changed without printing its old or new values', async () => {
    const changes = new ChangeSet(tmp.workspace);
    assert.equal((await changes.write('.env', 'DB_PASSWORD=new-hunter3\n')).ok, true);
    assert.equal((await changes.write('src/app.ts', 'b\n')).ok, true);
    const diff = changes.unifiedDiff();
    assert.doesNotMatch(diff, /hunter/);
    assert.match(diff, /^diff --git a\/\.env b\/\.env\n# \.env looks like a secret file: its content is not shown \(1 lines before, 1 after\)/m);
    assert.match(diff, /^-a\n\+b$/m);
    const report = JSON.stringify(changeEntriesForReport(changes.entries()));
    assert.doesNotMatch(report, /hunter/);
    assert.match(report, /"redacted":".env looks like a secret file/);
    // The persisted set keeps everything, so a later review can still apply it.
    assert.match(JSON.stringify(changes.toJSON()), /new-hunter3/);
  });
});
