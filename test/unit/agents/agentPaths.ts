import { resolve } from 'node:path';

// Compiled tests live in out/test/unit/agents; fixtures and the bundled agents stay in the source tree.
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
export const BUNDLED_AGENTS_DIR = resolve(REPO_ROOT, 'agents');
export const AGENT_FIXTURES = resolve(REPO_ROOT, 'test', 'fixtures', 'agents');
