// `dev-backend implement`: the gates' progress on stderr (the RunSession runs them after a completed run).
import { gateStatusWords, validationSummary } from '../core/validation/validationReport';
import type { ValidationEvent, ValidationReport } from '../core/validation/validationRun';
import type { CliIo } from './cliIo';

/** The end of the gates: why the fix loop stopped, if it did, and the one-line summary. */
export function reportValidationEnd(report: ValidationReport, io: CliIo): void {
  if (report.stoppedBecause) io.stderr(`validation: ${report.stoppedBecause}\n`);
  io.stderr(`${validationSummary(report)}\n`);
}

export function reportValidationEvent(event: ValidationEvent, io: CliIo): void {
  switch (event.type) {
    case 'gate_started':
      io.stderr(`validation: Level ${event.gate.level} (${event.gate.title}) started${event.attempt > 1 ? `, attempt ${event.attempt}` : ''}\n`);
      break;
    case 'gate_finished': {
      const { report } = event;
      io.stderr(`validation: Level ${report.level} ${gateStatusWords(report.status)}${report.reason ? `: ${report.reason}` : ''}\n`);
      break;
    }
    case 'fix_started':
      io.stderr(`validation: fix round ${event.failure.round}: asking the model to fix Level ${event.failure.gate.level} (${event.failure.command})\n`);
      break;
    case 'fix_finished':
      io.stderr(`validation: fix round ${event.round.round} done: ${event.round.summary}\n`);
      break;
  }
}
