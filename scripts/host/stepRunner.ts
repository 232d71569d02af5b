// Runs one install step as a child process: keeps its output for the log and the error, prints a heartbeat.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { HostSetupError, tailLines } from './hostSetupError';

export interface StepOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Appended with the step's full output. */
  readonly logFile: string;
  /** Printed after the output tail when the step fails. */
  readonly fix?: (output: string) => string | undefined;
  readonly print: (line: string) => void;
  /** Seconds between "still running" lines; 0 for none. */
  readonly heartbeatSeconds?: number;
}

/** Runs `command args` and resolves with its combined output; rejects with a HostSetupError naming the step. */
export function runStep(title: string, command: string, args: readonly string[], options: StepOptions): Promise<string> {
  const started = Date.now();
  options.print(`[host] ${title}...`);
  fs.appendFileSync(options.logFile, `\n$ ${command} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer): void => {
      const text = chunk.toString();
      output += text;
      fs.appendFileSync(options.logFile, text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const every = (options.heartbeatSeconds ?? 15) * 1000;
    const heartbeat = every > 0
      ? setInterval(() => options.print(`[host]   ...still running (${elapsed(started)})`), every)
      : undefined;
    const finish = (error: HostSetupError | undefined): void => {
      if (heartbeat) clearInterval(heartbeat);
      if (error) reject(error);
      else {
        options.print(`[host] ${title}: done in ${elapsed(started)}`);
        resolve(output);
      }
    };
    child.on('error', (err) => {
      finish(new HostSetupError(`Step "${title}" could not start \`${command}\`: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      if (code === 0) return finish(undefined);
      const status = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const fix = options.fix?.(output);
      finish(new HostSetupError([
        `Step "${title}" failed: \`${command} ${args.join(' ')}\` ${status} after ${elapsed(started)}.`,
        `  Last lines of its output (full log: ${options.logFile}):`,
        tailLines(output),
        ...(fix ? [`  Fix: ${fix}`] : []),
      ].join('\n')));
    });
  });
}

function elapsed(since: number): string {
  return `${Math.round((Date.now() - since) / 1000)} s`;
}
