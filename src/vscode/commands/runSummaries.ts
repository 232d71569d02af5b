// "Show Summary" of a command run: the run's closing summary as a read-only markdown document (a virtual one, so
// closing it never asks to save), one per PRP, following that PRP's latest run.
import vscode = require('vscode');

export const SUMMARY_SCHEME = 'devbackend-summary';

/** The summary document of a PRP: the PRP path rides in the query, the path gives the tab its title. */
export function summaryUri(prpPath: string): vscode.Uri {
  const name = prpPath.split('/').pop() ?? prpPath;
  return vscode.Uri.from({ scheme: SUMMARY_SCHEME, path: `/Run summary ${name}`, query: prpPath });
}

export class RunSummaries implements vscode.Disposable {
  private readonly byPrp = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, {
      onDidChange: this.changed.event,
      provideTextDocumentContent: (uri) => this.byPrp.get(uri.query) ?? `# Dev Backend: ${uri.query}\n\nNo run of this PRP in this window yet.\n`,
    });
  }

  /** Keeps a run's summary; an open summary of the same PRP shows the new one. */
  set(prpPath: string, markdown: string): void {
    this.byPrp.set(prpPath, markdown);
    this.changed.fire(summaryUri(prpPath));
  }

  /** Opens the PRP's last summary in an editor (read-only). */
  async show(prpPath: string): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(summaryUri(prpPath));
    const markdown = await vscode.languages.setTextDocumentLanguage(doc, 'markdown').then(
      (d) => d,
      () => doc,
    );
    return vscode.window.showTextDocument(markdown, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
