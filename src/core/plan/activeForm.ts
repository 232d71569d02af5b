// TodoWrite's `activeForm`: the present-continuous form shown while a todo is in progress.

const VERBS = new Set(
  ('add adjust analyze analyse apply audit build bump change check clean configure connect convert copy cover create ' +
    'debug define delete deploy design document draft enable ensure expose extend extract fix generate go handle harden ' +
    'implement improve inject install integrate introduce load make map mark merge migrate mirror mock modify move ' +
    'optimize optimise parse plan port prepare profile read refactor register remove rename render replace report ' +
    'restructure return review rewrite run scaffold secure seed set setup ship sort split start store support switch test ' +
    'tidy track translate tune update upgrade validate verify wire wrap write')
    .split(/\s+/),
);
const IRREGULAR: Record<string, string> = {
  setup: 'setting up', set: 'setting', run: 'running', plan: 'planning', ship: 'shipping', map: 'mapping', wrap: 'wrapping',
  debug: 'debugging', audit: 'auditing', make: 'making', write: 'writing', analyse: 'analysing', optimise: 'optimising',
};

/** `create` -> `creating`, `run` -> `running`; undefined when `word` is not a verb we know. */
export function gerund(word: string): string | undefined {
  const w = word.toLowerCase();
  if (!VERBS.has(w)) return undefined;
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (w.endsWith('ie')) return `${w.slice(0, -2)}ying`;
  if (w.endsWith('e') && !w.endsWith('ee')) return `${w.slice(0, -1)}ing`;
  return `${w}ing`;
}

/**
 * "Create src/auth.ts" -> "Creating src/auth.ts"; "Task 3: Set up pytest" -> "Task 3: Setting up pytest".
 * A title that does not start with a known verb becomes "Working on <content>".
 */
export function activeFormOf(content: string): string {
  const prefixed = /^([^:]{1,24}:\s+)(.*)$/s.exec(content);
  return (prefixed && continuous(prefixed[2], prefixed[1])) ?? continuous(content, '') ?? `Working on ${content}`;
}

function continuous(text: string, prefix: string): string | undefined {
  const m = /^([A-Za-z]+)(.*)$/s.exec(text);
  if (!m) return undefined;
  let word = m[1];
  let rest = m[2];
  if (word.toLowerCase() === 'set' && /^\s+up\b/i.test(rest)) {
    word = 'setup';
    rest = rest.replace(/^\s+up/i, '');
  }
  const ing = gerund(word);
  if (!ing) return undefined;
  return prefix + (/^[A-Z]/.test(m[1]) ? ing[0].toUpperCase() + ing.slice(1) : ing) + rest;
}
