// "Dev Backend: Show Validation Report": the last report of a PRP (the selected gate's, the open PRP's, or the active
// plan's) as a read-only markdown document, shown in the markdown preview; it follows the report when gates run again.
import vscode = require('vscode');
import { validationMarkdown } from '../../core/validation/validationReport';
import type { PlanStore } from '../tasks/planStore';
import { SHOW_VALIDATION_REPORT_COMMAND } from '../tasks/taskTreeProvider';
import { isMarkdownUri, prpPathOf } from '../workspace/prpDocument';
import type { ValidationReports } from './validationReports';

export const REPORT_SCHEME = 'devbackend-validation';

/** The report document of a PRP: the PRP path rides in the query, the path gives the tab its title. */
export function reportUri(prpPath: string): vscode.Uri {
  const name = prpPath.split('/').pop() ?? prpPath;
  return vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/Validation ${name}`, query: prpPath });
}

/** What the command returns (tests read it): the PRP and the markdown shown, or undefined when there was none. */
export interface ShownReport {
  prpPath: string;
  uri: string;
  markdown: string;
}

export function registerValidationReportView(context: vscode.ExtensionContext, reports: ValidationReports, plans: PlanStore): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const markdownOf = (prpPath: string): string | undefined => {
    const report = reports.get(prpPath);
    return report && validationMarkdown(report, prpPath);
  };
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri) => markdownOf(uri.query) ?? `# Validation report: ${uri.query}\n\nNo validation report yet.\n`,
  };
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, provider),
    reports.onDidChange((prpPath) => {
      for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === REPORT_SCHEME && doc.uri.query === prpPath) changed.fire(doc.uri);
    }),
    vscode.commands.registerCommand(SHOW_VALIDATION_REPORT_COMMAND, async (target?: unknown): Promise<ShownReport | undefined> => {
      const prpPath = prpPathFor(target, reports, plans);
      const markdown = prpPath === undefined ? undefined : markdownOf(prpPath);
      if (prpPath === undefined || markdown === undefined) {
        const which = prpPath === undefined ? 'this PRP' : (prpPath.split('/').pop() ?? prpPath);
        void vscode.window.showInformationMessage(
          `Dev Backend: no validation report for ${which} yet. Run "@dev-backend /validate" in the chat, or Implement Backend, to run its gates.`,
        );
        return undefined;
      }
      const uri = reportUri(prpPath);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'markdown').then(undefined, () => undefined);
      // The preview reads best; without the markdown extension, the document itself.
      await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, () => vscode.window.showTextDocument(doc, { preview: true }));
      return { prpPath, uri: uri.toString(), markdown };
    }),
  );
}

/** The PRP the command is about: its argument (a path, a tree node, a PRP uri), else the open PRP, else the active plan's. */
function prpPathFor(target: unknown, reports: ValidationReports, plans: PlanStore): string | undefined {
  if (typeof target === 'string') return target;
  if (target instanceof vscode.Uri) return prpPathOf(target);
  if (typeof target === 'object' && target !== null && typeof (target as { prpPath?: unknown }).prpPath === 'string') {
    return (target as { prpPath: string }).prpPath;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.uri.scheme !== REPORT_SCHEME && isMarkdownUri(editor.document.uri, editor.document.languageId)) {
    const open = prpPathOf(editor.document.uri);
    if (reports.get(open)) return open;
  }
  return plans.activePlan?.prpPath;
}
