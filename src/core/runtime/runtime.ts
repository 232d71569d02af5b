// The run machinery: what only a run, a plan, /validate or the tools need (the PRP parser and planner, the session
// and the agent loop, the tools, the command runner and its shadows, the search engines, the validation runner).
// The extension loads it from its own file, dist/runtime.js, on first use (./lazyRuntime.ts, scripts/build.mjs).
// Only functions, classes to construct and plain data cross: see ./lazyRuntime.ts.
export { defaultAgentSources, loadAgents } from '../agents';
export { CommandRunner } from '../commands/commandRunner';
export { planOfPrp } from '../plan/prpPlan';
export { parsePrp } from '../prp/prpParser';
export { answerQuestion } from '../run/agentAnswer';
export { ANTHROPIC_CLIENT, preloadForRun } from '../run/preloadForRun';
export { RipgrepEngine } from '../search/ripgrepEngine';
export { ripgrepInVscode } from '../search/ripgrepLocator';
export { byPathThenLine, SEARCH_MAX_FILE_BYTES } from '../search/searchEngine';
export { matchLines, WorkspaceScanEngine } from '../search/workspaceScanEngine';
export { outcomeOf, RunSession } from '../session/runSession';
export { gateRunnerOf } from '../validation/commandGateRunner';
export { markGateRunning, withGateReport, withGatesNotRun } from '../validation/gatePlan';
export { runValidation } from '../validation/validationRun';
