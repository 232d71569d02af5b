// The tests module both hosts load (code-server and @vscode/test-electron): runs every out/test/integration/**/*.test.js
// except those of another window (noPrpWindow/, run by its own module in a workspace without PRPs).
import * as path from 'node:path';
import { runMochaFiles, testFilesUnder } from './mochaFiles';

export function run(): Promise<void> {
  const files = testFilesUnder(__dirname).filter((file) => !file.startsWith(`noPrpWindow${path.sep}`));
  return runMochaFiles(__dirname, files);
}
