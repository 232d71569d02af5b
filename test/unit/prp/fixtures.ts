// Reading the PRP fixtures from the compiled tests (out/test/unit/prp -> test/fixtures/prps).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Prp, PrpTask } from '../../../src/core/prp/prp';
import { parsePrp } from '../../../src/core/prp/prpParser';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/prps');

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function parseFixture(name: string): Prp {
  return parsePrp(fixtureText(name));
}

/** A task as plain data, easy to compare with deepEqual. */
export function taskShape(t: PrpTask): unknown {
  return {
    label: t.label,
    number: t.number,
    title: t.title,
    files: t.files,
    line: t.line,
    actions: t.actions.map((a) => [a.verb, a.path, a.details]),
    details: t.details,
  };
}

export function warningTexts(prp: Prp): string[] {
  return prp.warnings.map((w) => w.message);
}
