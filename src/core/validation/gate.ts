// A validation gate: one of the PRP's validation levels with the commands it runs, exactly as the PRP wrote them.
import type { Prp } from '../prp/prp';

export interface Gate {
  level: number;
  title: string;
  /** The level's heading line in the PRP. */
  line: number;
  commands: string[];
}

/** What a gate (or one of its commands) came to. */
export type GateStatus = 'passed' | 'failed' | 'could_not_run' | 'not_run';

/** The PRP's levels that have something to run, in the PRP's order. A level without commands is no gate. */
export function gatesOf(prp: Pick<Prp, 'validationLevels'>): Gate[] {
  return prp.validationLevels
    .filter((level) => level.commands.length > 0)
    .map((level) => ({ level: level.level, title: level.title, line: level.line, commands: [...level.commands] }));
}

/** Every gate command once, in order: what one consent covers. */
export function gateCommands(gates: readonly Gate[]): string[] {
  return [...new Set(gates.flatMap((g) => g.commands))];
}
