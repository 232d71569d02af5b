// The workspace's markdown files as PRP candidates, for every picker: one filter, one order (PRP folders first,
// READMEs and changelogs last).
import vscode = require('vscode');

export interface PrpCandidate extends vscode.QuickPickItem {
  uri: vscode.Uri;
}

const EXCLUDE = '**/{node_modules,.git,out,dist}/**';
const MAX_FILES = 2000;

export async function prpCandidates(): Promise<PrpCandidate[]> {
  const files = await vscode.workspace.findFiles('**/*.{md,markdown}', EXCLUDE, MAX_FILES);
  return files
    .map((uri) => ({ uri, path: vscode.workspace.asRelativePath(uri, false) }))
    .sort((a, b) => prpRank(a.path) - prpRank(b.path) || a.path.localeCompare(b.path))
    .map(({ uri, path }) => ({ label: path.split('/').pop() ?? path, description: path, uri }));
}

/** PRP folders first, then the rest; READMEs and changelogs last. */
export function prpRank(path: string): number {
  if (/(^|\/)(prps?|specs?)\//i.test(path) || /prp/i.test(path.split('/').pop() ?? '')) return 0;
  if (/(^|\/)(readme|changelog|license|contributing)\.md$/i.test(path)) return 2;
  return 1;
}
