// What happens around each HTTP attempt of one request, as SDK middleware (it runs inside the SDK's retry loop):
// - an idle watchdog: no byte from the server for `idleMs` (before the headers or between stream events) aborts
//   the request, which the client then retries itself;
// - a bound on the SDK's sleep before a retry: a `retry-after` longer than `maxRetryWaitMs` is not slept on (the
//   response is marked not retryable, so the SDK fails at once), and a shorter wait is announced.
import type { Middleware } from '@anthropic-ai/sdk';
import { retryAfterMs } from './anthropicErrors';

export interface AttemptPolicy {
  /** Longest silence from the server, in ms, before the attempt is given up. */
  idleMs: number;
  /** Longest wait before a retry that the SDK may sleep through, in ms. */
  maxRetryWaitMs: number;
  /** The SDK's retries for this request (its attempt count is this plus one). */
  maxRetries: number;
  /** Told before each retry the SDK sleeps for. */
  onRetryWait(wait: RetryWait): void;
}

export interface RetryWait {
  status: number;
  /** What the server asked for, when it did (else the SDK's short back-off applies). */
  waitMs?: number;
  /** The attempt that comes after the wait, 2-based; of `attempts`. */
  nextAttempt: number;
  attempts: number;
}

/** One request's watchdog and retry-wait bound. Pass `signal` and `middleware` to the SDK call; `stop()` when it ends. */
export class AttemptWatch {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stalledFlag = false;

  constructor(private readonly policy: AttemptPolicy) {}

  /** Aborted when the server stays silent for `idleMs`. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the watchdog gave the request up. */
  get stalled(): boolean {
    return this.stalledFlag;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  readonly middleware: Middleware = async (request, next) => {
    this.touch();
    let response: Response;
    try {
      response = await next(request);
    } catch (error) {
      this.stop();
      throw error;
    }
    if (!response.ok) {
      this.stop(); // the SDK may now sleep before its next attempt: that wait is bounded below, not watched
      return this.boundRetryWait(request.headers, response);
    }
    if (response.body === null) {
      this.stop();
      return response;
    }
    const watched = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform: (chunk, out) => {
          this.touch();
          out.enqueue(chunk);
        },
        flush: () => this.stop(),
      }),
    );
    return new Response(watched, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  private touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.stalledFlag = true;
      this.controller.abort();
    }, this.policy.idleMs);
  }

  private boundRetryWait(requestHeaders: Headers, response: Response): Response {
    const attempt = Number(requestHeaders.get('x-stainless-retry-count') ?? '0') || 0;
    if (attempt >= this.policy.maxRetries || !sdkRetries(response)) return response;
    const waitMs = retryAfterMs(response.headers);
    if (waitMs !== undefined && waitMs > this.policy.maxRetryWaitMs) {
      const headers = new Headers(response.headers);
      headers.set('x-should-retry', 'false');
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
    this.policy.onRetryWait({
      status: response.status,
      ...(waitMs === undefined ? {} : { waitMs }),
      nextAttempt: attempt + 2,
      attempts: this.policy.maxRetries + 1,
    });
    return response;
  }
}

/** The SDK's own retry rule (client.ts shouldRetry): x-should-retry first, then 408, 409, 429 and 5xx. */
function sdkRetries(response: Response): boolean {
  const header = response.headers.get('x-should-retry');
  if (header === 'true') return true;
  if (header === 'false') return false;
  return response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
}
