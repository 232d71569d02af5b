// Stops a model that keeps making the same failing call: the tool error did not help it, more turns only cost money.

/** Counts consecutive identical failing tool calls; `tripped` names the tool once the limit is reached. */
export class RepeatedFailureGuard {
  private lastKey: string | undefined;
  private count = 0;
  private trippedBy: string | undefined;

  constructor(private readonly limit: number) {}

  record(name: string, input: unknown, failed: boolean): void {
    if (!failed) {
      this.lastKey = undefined;
      this.count = 0;
      return;
    }
    const key = `${name}\u0000${stableJson(input)}`;
    this.count = key === this.lastKey ? this.count + 1 : 1;
    this.lastKey = key;
    if (this.count >= this.limit) this.trippedBy = name;
  }

  get tripped(): string | undefined {
    return this.trippedBy;
  }
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
