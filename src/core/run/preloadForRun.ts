// Activation leaves the third-party libraries and the Anthropic client to their own files, loaded on first use.
// Loading them, and compiling the code paths a run starts with, on the user's first request would add tens of
// milliseconds before it leaves; the extension calls this once the window has settled instead.
import { parseAgentFile } from '../agents/agentParser';
import { libraries } from '../libraries/lazyLibraries';
import { loadAnthropicClientModule } from '../llm/lazyAnthropicClient';
import { planFromPrp } from '../plan/offlinePlanner';
import { parsePrp } from '../prp/prpParser';

export interface PreloadOptions {
  /** Load the Anthropic client too: only worth it when an API key is set (otherwise runs use VS Code's models). */
  anthropicClient: boolean;
  /** How to load the client's file; the bench passes the shipped one. */
  loadAnthropicClient?: () => Promise<unknown>;
}

const SAMPLE_AGENT = '---\nname: warm-up\ndescription: Parsed once so the first run finds the parser compiled.\ntools: Read, Write\n---\nBody.\n';
const SAMPLE_PRP = [
  '---', 'name: warm-up', '---', '# Warm-up', '## Goal', 'Nothing.', '## Implementation Blueprint',
  '### Tasks', '```yaml', 'Task 1:', 'CREATE src/a.ts:', '  - export a', '```', '## Validation Loop', '```bash', 'npm test', '```', '',
].join('\n');

/** What preloadForRun reports when it loaded the Anthropic client. */
export const ANTHROPIC_CLIENT = 'the Anthropic client';

/** Lets other work in the extension host run between steps: each step is tens of milliseconds of compiling. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Loads what a run would otherwise load on its first request, one step per event-loop turn; returns the names of
 * what it loaded, in order.
 */
export async function preloadForRun(options: PreloadOptions): Promise<string[]> {
  libraries();
  await nextTurn();
  parseAgentFile(SAMPLE_AGENT, 'warm-up.md', 'bundled');
  planFromPrp(parsePrp(SAMPLE_PRP), 'warm-up.md');
  const loaded = ['the PRP and tool libraries'];
  if (options.anthropicClient) {
    await nextTurn();
    await (options.loadAnthropicClient ?? loadAnthropicClientModule)();
    await nextTurn();
    // Node's fetch, which the SDK uses, sets up its HTTP stack on the first call: a data: URL does that without a network.
    if (typeof fetch === 'function') await fetch('data:,').then((response) => response.arrayBuffer(), () => undefined);
    loaded.push(ANTHROPIC_CLIENT);
  }
  return loaded;
}
