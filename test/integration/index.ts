// The tests module both hosts load (code-server and @vscode/test-electron): runs every out/test/integration/**/*.test.js.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  // Generous: a busy 2-core CI machine runs the slowest end-to-end chat tests in 15-40 s.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 120_000 });
  const root = __dirname;
  const files = (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  const grep = process.env.DEV_BACKEND_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of files) mocha.addFile(path.join(root, file));
  console.log(`Running ${files.length} integration test file(s) in VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost})`);

  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
