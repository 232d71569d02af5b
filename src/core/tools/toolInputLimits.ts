// Bounds on a tool call's input, checked before anything walks it. A model (or a server) can send JSON nested
// 50,000 levels deep or millions of values; recursive code (validation, the failure guard, JSON.stringify of the
// transcript for the next request) would overflow the stack and end the run. No tool's schema is deeper than 4.

export interface ToolInputLimits {
  /** Most levels of nested arrays and objects. */
  maxDepth: number;
  /** Most values (containers, strings, numbers, ...) in the whole input. */
  maxValues: number;
  /** Most characters of strings and keys together (a whole file's content is one string). */
  maxChars: number;
}

export const TOOL_INPUT_LIMITS: Readonly<ToolInputLimits> = Object.freeze({
  maxDepth: 32,
  maxValues: 100_000,
  maxChars: 16 * 1024 * 1024,
});

/** What makes `input` too deep or too large, in words for the model; undefined when it is within bounds. Never recurses. */
export function toolInputProblem(input: unknown, limits: Readonly<ToolInputLimits> = TOOL_INPUT_LIMITS): string | undefined {
  const tooLong = `its text is longer than ${limits.maxChars} characters`;
  if (typeof input === 'string') return input.length > limits.maxChars ? tooLong : undefined;
  const pending: { value: unknown; depth: number }[] = [{ value: input, depth: 0 }];
  let values = 0;
  let chars = 0;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth } = next;
    values++;
    if (typeof value === 'string') {
      chars += value.length;
      if (chars > limits.maxChars) return tooLong;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limits.maxDepth) return `it is nested more than ${limits.maxDepth} levels deep`;
    const children: unknown[] = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
    if (values + pending.length + children.length > limits.maxValues) return `it has more than ${limits.maxValues} values`;
    if (!Array.isArray(value)) {
      for (const key of Object.keys(value)) chars += key.length;
      if (chars > limits.maxChars) return tooLong;
    }
    for (const child of children) pending.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}

/** The tool_result text for an input over the limits. */
export function oversizedInputMessage(toolName: string, problem: string): string {
  return (
    `Invalid input for ${toolName}: ${problem}, so the call was not run. ` +
    "No tool takes input like that: send a flat JSON object with only the fields in the tool's schema."
  );
}
