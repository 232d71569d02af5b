// The tests module of the second window: a workspace without PRPs, where the extension must stay inactive until
// the user reaches for it (test/runIntegration.ts opens it after the main window).
import { runMochaFiles, testFilesUnder } from '../mochaFiles';

export function run(): Promise<void> {
  return runMochaFiles(__dirname, testFilesUnder(__dirname));
}
