// The naive agent: the same request bodies with every cache_control removed, accounted on a fresh cache model
// under the same rules and token count. Without breakpoints nothing is written, so nothing is read.
import { addUsage, emptyUsage, type Usage } from '../src/core/llm/modelClient';
import type { WireRequestBody } from '../test/fakes/messagesWire';
import { PromptCacheModel } from '../test/fakes/promptCacheModel';

export function stripCacheControl(body: WireRequestBody): WireRequestBody {
  return JSON.parse(JSON.stringify(body, (key, value: unknown) => (key === 'cache_control' ? undefined : value))) as WireRequestBody;
}

/** Input usage of the bodies sent naively (output tokens left 0: the transcript, hence the output, is the same). */
export function naiveInputUsage(bodies: readonly WireRequestBody[]): Usage {
  const cache = new PromptCacheModel();
  return bodies.reduce((total, body) => {
    const a = cache.account(stripCacheControl(body));
    return addUsage(total, {
      inputTokens: a.inputTokens,
      outputTokens: 0,
      cacheCreationInputTokens: a.cacheCreationInputTokens,
      cacheReadInputTokens: a.cacheReadInputTokens,
    });
  }, emptyUsage());
}

export function totalInput(u: Usage): number {
  return u.inputTokens + u.cacheCreationInputTokens + u.cacheReadInputTokens;
}
