/** A run could not start (unreadable PRP, unknown agent, another run busy); the message is for the user. */
export class RunSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunSetupError';
  }
}
