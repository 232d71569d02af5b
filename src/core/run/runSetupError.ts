const RUN_SETUP_ERROR: unique symbol = Symbol.for('dev-backend.RunSetupError');

/** A run could not start (unreadable PRP, unknown agent, another run busy); the message is for the user. */
export class RunSetupError extends Error {
  /** dist/extension.js and dist/runtime.js each have a copy of this class: `instanceof` checks this mark instead. */
  readonly [RUN_SETUP_ERROR] = true;
  static [Symbol.hasInstance](value: unknown): value is RunSetupError {
    return typeof value === 'object' && value !== null && RUN_SETUP_ERROR in value;
  }

  constructor(
    message: string,
    /** A command that fixes it, offered as a button. */
    readonly action?: { title: string; command: string },
  ) {
    super(message);
    this.name = 'RunSetupError';
  }
}
