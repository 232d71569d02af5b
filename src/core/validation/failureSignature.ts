// What identifies a failure across attempts, so a fix round that changed nothing is recognised: the exit code plus
// the failing test names, error codes and file:line locations in the output, with timings, addresses, temp paths and
// counters removed (they differ between two runs of the same failure).

const NOISE: Array<[RegExp, string]> = [
  [/\b0x[0-9a-f]+\b/gi, '0x?'], // addresses
  [/(?:\/tmp|\/var\/folders|\/private\/var)\/[^\s:'"()]+/g, '<tmp>'], // temp paths (the shadow lives there too)
  [/\b\d+(?:\.\d+)?\s*(?:ms|s|sec|seconds|µs|us|ns|m)\b/g, '<time>'], // durations
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?\b/g, '<date>'], // timestamps
  [/\bpid[ =:]?\d+\b/gi, 'pid'],
];

const FAILED_TEST = [
  /^\s*(?:not ok \d+ - |✖ |✗ |× |FAIL:? |FAILED:? |\d+\) )(.+)$/gm, // TAP, node --test, mocha, jest, pytest, go
  /^--- FAIL: (\S+)/gm, // go test
  /^(\S+::\S+) FAILED\b/gm, // pytest -q
];
const ERROR_CODE = /\b(?:TS\d{3,5}|E\d{3,5}|[A-Z]{1,4}\d{3,4}|ERR_[A-Z_]+)\b/g;
const LOCATION = /(?:^|[\s(])([\w./@-]+\.[a-z]{1,5}):(\d+)(?::\d+)?/gm;

export function failureSignature(exitCode: number | null, output: string): string {
  let text = output;
  for (const [pattern, replacement] of NOISE) text = text.replace(pattern, replacement);
  const parts = new Set<string>();
  for (const pattern of FAILED_TEST) for (const m of text.matchAll(pattern)) parts.add(`test:${m[1].trim()}`);
  for (const m of text.matchAll(ERROR_CODE)) parts.add(`code:${m[0]}`);
  for (const m of text.matchAll(LOCATION)) parts.add(`at:${m[1]}:${m[2]}`);
  return [`exit:${exitCode ?? 'none'}`, ...[...parts].sort()].join('\n');
}
