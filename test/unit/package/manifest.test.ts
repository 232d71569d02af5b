// The manifest and the packaged file list: what users install must be the bundle and its assets, nothing else.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';

const ROOT = nodePath.join(__dirname, '..', '..', '..', '..');

interface Manifest {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    chatParticipants: { id: string; fullName: string; isSticky: boolean; commands: { name: string; description: string }[] }[];
    configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> };
    viewsWelcome: { view: string; contents: string; when?: string }[];
    viewsContainers: { activitybar: { icon: string }[] };
  };
}

const manifest = JSON.parse(readFileSync(nodePath.join(ROOT, 'package.json'), 'utf8')) as Manifest;

describe('package.json and the .vsix', function () {
  this.timeout(60000);

  it('targets a VS Code no newer than the tested 1.139.1, with matching @types/vscode', () => {
    const engine = /^\^?(\d+)\.(\d+)\.\d+$/.exec(manifest.engines.vscode);
    assert.ok(engine, manifest.engines.vscode);
    assert.ok(Number(engine[1]) === 1 && Number(engine[2]) <= 139);
    assert.equal(manifest.devDependencies['@types/vscode'].replace(/^\^/, ''), manifest.engines.vscode.replace(/^\^/, ''));
  });

  it('gives every command the Dev Backend category and the participant its commands', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Dev Backend', command.command);
      assert.ok(command.command.startsWith('devBackend.'), command.command);
    }
    const participant = manifest.contributes.chatParticipants[0];
    assert.equal(participant.id, 'dev-backend');
    assert.equal(participant.fullName, 'Dev Backend');
    assert.equal(participant.isSticky, true);
    assert.deepEqual(participant.commands.map((c) => c.name), ['implement', 'continue', 'plan', 'status', 'review', 'validate']);
    assert.ok(participant.commands.every((c) => c.description.length > 10));
    assert.ok(existsSync(nodePath.join(ROOT, manifest.contributes.viewsContainers.activitybar[0].icon)));
  });

  it('describes every setting and never declares the API key as one', () => {
    for (const [name, property] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok(name.startsWith('devBackend.'), name);
      assert.ok((property.description ?? property.markdownDescription ?? '').length > 10, name);
      assert.doesNotMatch(name, /key$/i, `${name} looks like a secret in settings`);
    }
  });

  it('writes setting descriptions whose code spans close (a stray backtick garbles the Settings UI)', () => {
    for (const [name, property] of Object.entries(manifest.contributes.configuration.properties)) {
      const ticks = (property.markdownDescription ?? '').split('`').length - 1;
      assert.equal(ticks % 2, 0, `${name}: an odd number of backticks in its markdownDescription`);
    }
  });

  it('asks for a key in the Backend Tasks welcome only while none is set', () => {
    const welcome = manifest.contributes.viewsWelcome.filter((w) => w.view === 'devBackend.tasks');
    for (const entry of welcome) {
      if (entry.contents.includes('command:devBackend.setApiKey')) assert.equal(entry.when, '!devBackend.hasApiKey', entry.contents);
      else assert.equal(entry.when, undefined, entry.contents);
    }
    assert.ok(welcome.some((w) => w.contents.includes('command:devBackend.setApiKey')));
  });

  it('packages only the bundles, agents, media, README, LICENSE and the manifest', () => {
    const vsce = nodePath.join(ROOT, 'node_modules', '.bin', 'vsce');
    const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .sort();
    assert.deepEqual(files, [
      'LICENSE',
      'README.md',
      'agents/dev-backend.md',
      'dist/anthropicClient.js',
      'dist/extension.js',
      'dist/libraries.js',
      'dist/regexEngine.js',
      'dist/runtime.js',
      'media/dev-backend.svg',
      'media/icon.png',
      'package.json',
    ]);
  });
});
