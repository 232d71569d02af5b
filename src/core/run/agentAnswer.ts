// Free text to @dev-backend: one model call, no tools, with the agent's prompt, the PRP and the plan as
// context (the same cached system prefix as a run). Changing code stays with /implement, which stages for review.
import type { ChatMessage, ModelClient, Usage } from '../llm/modelClient';
import type { Plan } from '../plan/todo';
import { buildSystemPrompt, renderPlan } from './runPrompt';

export interface AnswerRequest {
  client: ModelClient;
  model: string;
  agentPrompt: string;
  prp?: { path: string; text: string };
  plan?: Plan;
  /** One line per staged change ("create src/a.ts"), or empty. */
  staged: readonly string[];
  history: readonly ChatMessage[];
  question: string;
  maxTokens: number;
  signal?: AbortSignal;
  onText: (text: string) => void;
}

export interface Answer {
  text: string;
  usage: Usage;
}

export async function answerQuestion(request: AnswerRequest): Promise<Answer> {
  const system = request.prp
    ? buildSystemPrompt(request.agentPrompt, request.prp.path, request.prp.text)
    : [{ text: request.agentPrompt, cache: true }];
  const messages: ChatMessage[] = [...request.history.map((m) => ({ role: m.role, content: [...m.content] }))];
  const turn = { type: 'text' as const, text: questionText(request) };
  const last = messages[messages.length - 1];
  if (last?.role === 'user') last.content.push(turn);
  else messages.push({ role: 'user', content: [turn] });
  const response = await request.client.send(
    { model: request.model, system, messages, tools: [], maxTokens: request.maxTokens, signal: request.signal },
    (event) => {
      if (event.type === 'text') request.onText(event.text);
    },
  );
  const text = response.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
  return { text, usage: response.usage };
}

export function questionText(request: Pick<AnswerRequest, 'plan' | 'staged' | 'question'>): string {
  const lines: string[] = [];
  if (request.plan) lines.push(`The current plan for ${request.plan.prpPath}:`, renderPlan(request.plan.todos), '');
  else lines.push('No PRP is planned yet.', '');
  lines.push(request.staged.length > 0 ? `Staged changes waiting for review:\n${request.staged.map((s) => `- ${s}`).join('\n')}` : 'No changes are staged.', '');
  lines.push(
    'Answer the user in this reply: you cannot call tools here. If the code should change, say what you would do and suggest `/implement <instruction>` (it stages changes for review).',
    '',
    `The user asks: ${request.question}`,
  );
  return lines.join('\n');
}
