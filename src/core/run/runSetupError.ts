/** A run could not start (unreadable PRP, unknown agent, another run busy); the message is for the user. */
export class RunSetupError extends Error {
  constructor(
    message: string,
    /** A command that fixes it, offered as a button. */
    readonly action?: { title: string; command: string },
  ) {
    super(message);
    this.name = 'RunSetupError';
  }
}
