// Mocha inside the extension host, for the tests modules of each window (index.ts, noPrpWindow/index.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** The compiled test files under `root`, relative to it, sorted. */
export function testFilesUnder(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.test.js')).sort();
}

/** Runs the files (relative to `root`), filtered by DEV_BACKEND_TEST_GREP; rejects when a test failed. */
export function runMochaFiles(root: string, files: readonly string[]): Promise<void> {
  // Generous: a busy 2-core CI machine runs the slowest end-to-end chat tests in 15-40 s.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 120_000 });
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
