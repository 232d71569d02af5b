// `@dev-backend /validate`: the PRP's validation gates against the staged changes (or the files on disk when nothing
// is staged), without any model call. Each level as progress, then the summary, a line per level, and the report.
import type * as vscode from 'vscode';
import { runtime } from '../../core/runtime/lazyRuntime';
import { counted } from '../../core/text/plural';
import { gatesOf } from '../../core/validation/gate';
import { gateStatusWords, validationSummary } from '../../core/validation/validationReport';
import type { GateReport } from '../../core/validation/validationRun';
import type { RunController } from '../run/runController';
import { SHOW_VALIDATION_REPORT_COMMAND } from '../tasks/taskTreeProvider';
import { validateGates, type ValidateGatesDeps } from '../validation/validateGates';
import { REVIEW_COMMAND, type ChatMetadata, type ChatTurnResult } from './chatTurn';
import { askForPrp } from './implementTurn';
import { prpForRequest } from './prpReference';
import type { RecordingStream } from './recordingStream';

export async function validateTurn(
  request: vscode.ChatRequest,
  chatContext: vscode.ChatContext,
  out: RecordingStream,
  token: vscode.CancellationToken,
  controller: RunController,
  deps: ValidateGatesDeps,
): Promise<ChatTurnResult> {
  const choice = prpForRequest(request, chatContext.history);
  if (!choice) {
    askForPrp(out, 'validate');
    return { result: { metadata: { command: 'validate' } satisfies ChatMetadata }, report: {} };
  }
  if (controller.runningPrp !== undefined) {
    out.markdown(`Dev Backend is implementing \`${controller.runningPrp}\` right now. Send \`/validate\` again when the run has ended.`);
    return { result: { metadata: { command: 'validate', prpPath: controller.runningPrp } satisfies ChatMetadata }, report: {} };
  }
  // The plan as it is (a run's todos kept); planned again (statuses kept) when its gates are not the PRP's levels.
  let { prp, plan } = await controller.planPrp(choice.uri, true);
  const levels = (todos: readonly { gate?: { level: number } }[]): string => todos.flatMap((t) => (t.gate ? [t.gate.level] : [])).join(',');
  if (levels(plan.todos) !== levels(gatesOf(runtime().parsePrp(prp.text)).map((g) => ({ gate: g })))) ({ prp, plan } = await controller.planPrp(choice.uri, false));
  const metadata: ChatMetadata = { command: 'validate', prpPath: prp.path, staged: deps.pending.changeSet.size };
  const result = { result: { metadata }, report: { prpPath: prp.path } };
  const staged = deps.pending.changeSet.size;
  out.progress(staged > 0 ? `Running the validation gates against ${counted(staged, 'staged change')}…` : 'Running the validation gates against the files on disk (nothing is staged)…');
  const abort = new AbortController();
  const cancel = token.onCancellationRequested(() => abort.abort());
  let outcome;
  try {
    outcome = await validateGates(prp, deps, {
      signal: abort.signal,
      onEvent: (event) => {
        if (event.type === 'gate_started') out.progress(`Level ${event.gate.level}: ${event.gate.title}`);
      },
    });
  } finally {
    cancel.dispose();
  }
  if (outcome.kind === 'no-gates') {
    out.markdown(`\`${prp.path}\` has no validation commands to run: its validation levels (\`### Level N: ...\`) need a \`bash\` block of commands.`);
    return result;
  }
  if (outcome.kind === 'not-run') {
    out.markdown(`The validation gates were **not run**: ${outcome.reason}. Nothing ran and nothing changed. The gates are:\n\n${outcome.commands.map((c) => `- \`${c}\``).join('\n')}`);
    return result;
  }
  const against = outcome.staged > 0 ? `against the ${counted(outcome.staged, 'staged change')}, before review` : 'against the files on disk (nothing is staged)';
  out.markdown(`**${validationSummary(outcome.report)}**\n\nRan ${against}, sandboxed where the OS allows; your files were not touched.\n\n`);
  out.markdown(`${outcome.report.gates.map(gateLine).join('\n')}\n\n`);
  out.button({ command: SHOW_VALIDATION_REPORT_COMMAND, title: 'Show Validation Report', arguments: [prp.path] });
  if (deps.pending.changeSet.size > 0) out.button({ command: REVIEW_COMMAND, title: 'Review Changes' });
  return { result: { metadata: { ...metadata, staged: deps.pending.changeSet.size } }, report: { prpPath: prp.path, validation: outcome.report } };
}

function gateLine(gate: GateReport): string {
  const mark = gate.status === 'passed' ? '✅' : gate.status === 'failed' ? '❌' : gate.status === 'could_not_run' ? '⚠️' : '⏭️';
  const why = gate.status === 'passed' || !gate.reason ? '' : `: ${gate.reason.replace(/`/g, "'")}`;
  return `- ${mark} Level ${gate.level} (${gate.title}) ${gateStatusWords(gate.status)}${why}`;
}
