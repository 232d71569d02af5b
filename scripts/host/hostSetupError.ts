// One error type for everything that can go wrong while installing or starting the offline host.

/** Thrown with a message that names the failed step, what it printed, and how to fix it. */
export class HostSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostSetupError';
  }
}

/** The last `count` non-empty lines of some output, indented for an error message. */
export function tailLines(output: string, count = 25): string {
  const lines = output.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(-count).map((line) => `    ${line}`).join('\n');
}
