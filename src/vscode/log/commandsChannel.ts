// The "Dev Backend: Commands" output channel: one section per command with its live output and its exit code.
import vscode = require('vscode');
import type { CommandListener } from '../../core/commands/commandRunner';
import type { CommandRecord } from '../../core/commands/commandResult';

/** What the channel keeps for `recentText` (tests, diagnostics). */
const RECENT_MAX_CHARS = 100_000;

export class CommandsChannel implements CommandListener, vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Dev Backend: Commands');
  private recent = '';

  onStart(command: string, sandboxed: boolean): void {
    this.append(`\n=== $ ${command}   [${sandboxed ? 'sandboxed' : 'NOT sandboxed'}, ${new Date().toLocaleTimeString()}]\n`);
  }

  onOutput(text: string): void {
    this.append(text);
  }

  onEnd(record: CommandRecord): void {
    const status = record.notRun
      ? `not run: ${record.notRun}`
      : record.timedOut
        ? 'stopped: timeout'
        : record.cancelled
          ? 'cancelled'
          : `exit code ${record.exitCode ?? 'none'}`;
    const staged = record.changedPaths.length > 0 ? `; staged: ${record.changedPaths.join(', ')}` : '';
    this.append(`=== ${status} (${(record.durationMs / 1000).toFixed(1)} s${staged})\n`);
  }

  /** The channel's recent text. */
  recentText(): string {
    return this.recent;
  }

  show(): void {
    this.channel.show(true);
  }

  private append(text: string): void {
    this.channel.append(text);
    this.recent = (this.recent + text).slice(-RECENT_MAX_CHARS);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
