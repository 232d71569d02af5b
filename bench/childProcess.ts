// Runs a compiled bench module in its own Node process (fork + IPC), so its heap and event loop are its own.
import { fork, type ChildProcess } from 'node:child_process';

export interface ChildOptions {
  /** Extra Node flags, e.g. --expose-gc. */
  execArgv?: string[];
  /** Arguments for the child (process.argv after the module path). */
  args?: string[];
  timeoutMs: number;
  /** Lines the child prints go here (default: the parent's stderr). */
  onOutput?: (line: string) => void;
}

/** Forks `modulePath` and resolves with the first `{ type: 'result', value }` message it sends; rejects on error or exit. */
export function runChild<T>(modulePath: string, options: ChildOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(modulePath, options.args ?? [], { execArgv: options.execArgv ?? [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const print = options.onOutput ?? ((line: string) => process.stderr.write(`${line}\n`));
    pipeLines(child, print);
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`${modulePath} did not finish within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    function finish(error: Error | undefined, value?: T): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill();
      if (error) reject(error);
      else resolve(value as T);
    }
    child.on('message', (message: { type?: string; value?: T; error?: string }) => {
      if (message.type === 'result') finish(undefined, message.value);
      else if (message.type === 'error') finish(new Error(message.error ?? 'the child failed'));
    });
    child.on('error', (error) => finish(error));
    child.on('exit', (code, signal) => finish(new Error(`${modulePath} exited (${signal ?? `code ${code}`}) without a result`)));
  });
}

function pipeLines(child: ChildProcess, print: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) print(line);
    });
  }
}

/** In a child: sends the result (or the error) to the parent, then lets the process end. */
export function reportToParent<T>(work: () => Promise<T>): void {
  work().then(
    (value) => process.send?.({ type: 'result', value }, () => process.disconnect()),
    (error: unknown) =>
      process.send?.({ type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
  );
}
