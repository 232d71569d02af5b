// Which PRP a chat request is about: an attached markdown reference (#file, a Location), else the active
// markdown editor, else the one this conversation last worked on.
import vscode = require('vscode');
import { isMarkdownUri, prpUriOf } from '../workspace/prpDocument';
import { STAGED_SCHEME } from '../review/stagedDiff';
import { REPORT_SCHEME } from '../validation/showValidationReport';
import { lastPrpPath } from './chatHistory';

const NOT_A_PRP = ['output', REPORT_SCHEME, STAGED_SCHEME];

export type PrpChoice = { uri: vscode.Uri; from: 'reference' | 'editor' | 'history' } | undefined;

export function prpForRequest(request: vscode.ChatRequest, history: vscode.ChatContext['history'], preferHistory = false): PrpChoice {
  const referenced = referencedMarkdown(request.references);
  if (referenced) return { uri: referenced, from: 'reference' };
  const fromHistory = lastPrpPath(history);
  const historyUri = fromHistory === undefined ? undefined : prpUriOf(fromHistory);
  if (preferHistory && historyUri) return { uri: historyUri, from: 'history' };
  const editor = vscode.window.activeTextEditor;
  // Not a document of our own (a validation report is markdown too) nor an output channel.
  if (editor && isMarkdownUri(editor.document.uri, editor.document.languageId) && !NOT_A_PRP.includes(editor.document.uri.scheme)) {
    return { uri: editor.document.uri, from: 'editor' };
  }
  return historyUri ? { uri: historyUri, from: 'history' } : undefined;
}

/** The first attached markdown file (references are listed last-in-prompt first; the user's first wins). */
function referencedMarkdown(references: readonly vscode.ChatPromptReference[]): vscode.Uri | undefined {
  const uris = references
    .map((r) => (r.value instanceof vscode.Uri ? r.value : r.value instanceof vscode.Location ? r.value.uri : undefined))
    .filter((u): u is vscode.Uri => u !== undefined && isMarkdownUri(u));
  return uris[uris.length - 1];
}
