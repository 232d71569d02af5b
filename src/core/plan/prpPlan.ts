// A PRP's plan, made once the same way everywhere (the run, /plan, the CLI): parsed offline, the statuses of an
// earlier plan of the same PRP kept.
import { parsePrp } from '../prp/prpParser';
import type { Prp } from '../prp/prp';
import { planFromPrp } from './offlinePlanner';
import { carryOverStatuses } from './planOps';
import type { Plan } from './todo';

export function planOfPrp(text: string, prpPath: string, previous?: Plan): { prp: Prp; plan: Plan } {
  const prp = parsePrp(text);
  return { prp, plan: carryOverStatuses(previous, planFromPrp(prp, prpPath)) };
}
