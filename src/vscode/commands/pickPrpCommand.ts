// "Pick a PRP": a QuickPick of the workspace's markdown files (PRPs/ first) or a file dialog; opens the choice
// and, when asked from the chat, sends the chat command again now that the PRP is the active editor.
import vscode = require('vscode');
import { prpCandidates } from '../workspace/prpCandidates';
import { PICK_PRP_COMMAND } from './commandIds';

export interface PickPrpArgs {
  /** Re-send `@dev-backend /<chatCommand>` once the PRP is open. */
  chatCommand?: 'implement' | 'plan' | 'validate';
}

interface PrpItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

const BROWSE_LABEL = '$(folder-opened) Browse…';

export function registerPickPrpCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(PICK_PRP_COMMAND, (args?: PickPrpArgs) => pickPrp(args)));
}

/** Resolves with the chosen PRP (opened in an editor), or undefined when the user backed out. */
export async function pickPrp(args: PickPrpArgs = {}): Promise<vscode.Uri | undefined> {
  const items: PrpItem[] = await prpCandidates();
  items.push({ label: BROWSE_LABEL, alwaysShow: true });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Dev Backend: Pick a PRP',
    placeHolder: items.length > 1 ? 'The markdown spec to work from' : 'No markdown files in the workspace: browse for one',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  let uri = picked.uri;
  if (!uri) {
    const chosen = await vscode.window.showOpenDialog({
      title: 'Dev Backend: Pick a PRP',
      canSelectMany: false,
      filters: { Markdown: ['md', 'markdown'] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    uri = chosen?.[0];
  }
  if (!uri) return undefined;
  await vscode.window.showTextDocument(uri, { preview: false });
  if (args.chatCommand) await vscode.commands.executeCommand('workbench.action.chat.open', { query: `@dev-backend /${args.chatCommand}` });
  return uri;
}
