// The "Dev Backend" output channel (a LogOutputChannel). Every line passes the redactor first, so the
// API key never reaches the channel; devBackend.logLevel decides what we emit.
import vscode = require('vscode');
import { affectsSettings, readSettings } from '../config/settings';
import type { LogLevelName } from '../config/settingsValidation';
import { describeError, isLevelEnabled, SecretRedactor } from './secretRedactor';

export const OUTPUT_CHANNEL_NAME = 'Dev Backend';
/** How many recent lines `recentLines()` keeps. */
const RECENT_LIMIT = 500;

export interface OutputLog extends vscode.Disposable {
  error(message: string, error?: unknown): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
  /** Never log this value (the API key): later lines show `***` in its place. */
  protect(secret: string | undefined): void;
  /** The last lines written, already redacted, oldest first ("[info] message"). */
  recentLines(): readonly string[];
  /** Reveals the channel without taking focus. */
  show(): void;
}

export function createOutputLog(context: vscode.ExtensionContext): OutputLog {
  const log = new ChannelLog(vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true }));
  context.subscriptions.push(log);
  return log;
}

class ChannelLog implements OutputLog {
  private readonly redactor = new SecretRedactor();
  private readonly recent: string[] = [];
  private threshold: LogLevelName;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly channel: vscode.LogOutputChannel) {
    this.threshold = readSettings().logLevel;
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSettings(e, 'logLevel')) this.threshold = readSettings().logLevel;
    });
  }

  error(message: string, error?: unknown): void {
    this.write('error', error === undefined ? message : `${message}: ${describeError(error)}`);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  debug(message: string): void {
    this.write('debug', message);
  }

  protect(secret: string | undefined): void {
    this.redactor.add(secret);
  }

  recentLines(): readonly string[] {
    return [...this.recent];
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.subscription.dispose();
    this.channel.dispose();
  }

  private write(level: LogLevelName, message: string): void {
    if (!isLevelEnabled(level, this.threshold)) return;
    const line = this.redactor.redact(message);
    this.recent.push(`[${level}] ${line}`);
    if (this.recent.length > RECENT_LIMIT) this.recent.splice(0, this.recent.length - RECENT_LIMIT);
    // The channel has its own level (Info by default); devBackend.logLevel "debug" must still show debug lines.
    if (level === 'debug' && this.channel.logLevel > vscode.LogLevel.Debug) this.channel.info(`(debug) ${line}`);
    else this.channel[level](line);
  }
}
