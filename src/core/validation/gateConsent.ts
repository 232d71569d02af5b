// One consent per PRP: the first run lists its gate commands once; the answer is remembered until the list changes.
import { createHash } from 'node:crypto';

/** Identifies exactly this list of commands: any change (a command edited, added, reordered) asks again. */
export function gateConsentKey(prpPath: string, commands: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([prpPath, ...commands])).digest('hex');
}

export type GateConsentAnswer = 'run' | 'declined';

/** The editor asks (and remembers by key); the CLI follows its flags. */
export interface GateConsent {
  approve(request: { prpPath: string; commands: readonly string[]; sandboxed: boolean; key: string }): Promise<GateConsentAnswer>;
}

export function gateConsentQuestion(commands: readonly string[], sandboxed: boolean): string {
  const where = sandboxed ? 'sandboxed, against the staged changes' : 'NOT sandboxed, against the staged changes';
  const these = commands.length === 1 ? 'this command' : `these ${commands.length} commands`;
  return `Run ${these} from the PRP, ${where}?`;
}
