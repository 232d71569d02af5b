// One run at a time in the editor: the lock, cancel, and the run itself handed to the core's RunSession over the
// VS Code ports (editorRunPorts.ts).
import vscode = require('vscode');
import { RunSetupError } from '../../core/run/runSetupError';
import type { SessionReport } from '../../core/session/runSession';
import { prpPathOf, readPrpDocument } from '../workspace/prpDocument';
import { EditorRunPorts, type RunEvent, type RunControllerDeps, type StartRunOptions } from './editorRunPorts';
import { runFolderProblem } from './runFolder';
import type { ChatMessage } from '../../core/llm/modelClient';

export type { RunEvent, RunControllerDeps, StartRunOptions };

export interface RunReport extends SessionReport {
  prpUri: vscode.Uri;
}

export class RunController extends EditorRunPorts implements vscode.Disposable {
  private active: { prpPath: string; abort: AbortController } | undefined;

  get runningPrp(): string | undefined {
    return this.active?.prpPath;
  }

  cancel(): boolean {
    if (!this.active) return false;
    this.deps.log.info(`Cancelling the run on ${this.active.prpPath}.`);
    this.active.abort.abort();
    return true;
  }

  /** Runs the agent over the PRP. Throws RunSetupError when it cannot start; model errors end in the outcome. */
  async startRun(options: StartRunOptions): Promise<RunReport | { missingKey: true }> {
    this.assertCanRun();
    if (this.active) throw new RunSetupError(`A run is already in progress on ${this.active.prpPath}. Cancel it first (Dev Backend: Cancel Run).`);
    const folderProblem = runFolderProblem(prpPathOf(options.prpUri), vscode.workspace.getWorkspaceFolder(options.prpUri), vscode.workspace.workspaceFolders?.[0]);
    if (folderProblem) throw new RunSetupError(folderProblem);
    const abort = new AbortController();
    this.active = { prpPath: prpPathOf(options.prpUri), abort };
    const cancelSubscription = options.token?.onCancellationRequested(() => abort.abort());
    try {
      const prp = await readPrpDocument(options.prpUri);
      const report = await this.session(options).run({ prp: { path: prp.path, text: prp.text }, ...runRequestOf(options), signal: abort.signal });
      if ('missingKey' in report) return report;
      this.lastRuns.set(prp.path, { status: report.status, reason: report.reason, usage: report.usage, costUsd: report.costUsd, modelLabel: report.modelLabel });
      return { ...report, prpUri: prp.uri };
    } finally {
      cancelSubscription?.dispose();
      this.active = undefined;
    }
  }

  dispose(): void {
    this.active?.abort.abort();
  }
}

function runRequestOf(options: StartRunOptions): { instruction?: string; history?: readonly ChatMessage[]; resume?: boolean | 'auto'; onEvent?: (event: RunEvent) => void } {
  const { instruction, history, resume, onEvent } = options;
  return { ...(instruction !== undefined && { instruction }), ...(history && { history }), ...(resume !== undefined && { resume }), ...(onEvent && { onEvent }) };
}
