// A PRP as a run needs it: its uri, its path as the plan names it, and its current text
// (the open editor's, unsaved edits included, else the file's).
import vscode = require('vscode');
import { RunSetupError } from '../../core/run/runSetupError';

export interface PrpDocument {
  uri: vscode.Uri;
  /** Workspace-relative posix path (absolute outside a workspace): the plan's `prpPath`. */
  path: string;
  text: string;
}

/** The plan key of a PRP uri: workspace-relative when inside a folder, else the full path. */
export function prpPathOf(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return uri.scheme === 'file' ? uri.fsPath : uri.toString();
  return vscode.workspace.asRelativePath(uri, false);
}

/** The uri of a plan's PRP path (relative to the first workspace folder, or absolute). */
export function prpUriOf(prpPath: string): vscode.Uri | undefined {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(prpPath)) return vscode.Uri.parse(prpPath);
  if (prpPath.startsWith('/') || /^[A-Za-z]:[\\/]/.test(prpPath)) return vscode.Uri.file(prpPath);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && vscode.Uri.joinPath(folder.uri, ...prpPath.split('/'));
}

/** Reads the PRP; throws a RunSetupError with a readable reason when it cannot. */
export async function readPrpDocument(uri: vscode.Uri): Promise<PrpDocument> {
  const path = prpPathOf(uri);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { uri, path, text: open.getText() };
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    const reason = error instanceof vscode.FileSystemError && error.code === 'FileNotFound' ? 'no such file' : errorMessage(error);
    throw new RunSetupError(`Cannot read the PRP ${path}: ${reason}.`);
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.includes('\u0000')) throw new RunSetupError(`${path} is not a text file; pick a markdown PRP.`);
  return { uri, path, text };
}

/** True for a markdown file (by language or extension). */
export function isMarkdownUri(uri: vscode.Uri, languageId?: string): boolean {
  return languageId === 'markdown' || /\.(md|markdown|mdx)$/i.test(uri.path);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
