/** Exponential backoff with full jitter, bounded attempts and a maximum delay. */
export interface RetryOptions {
  /** Total attempts including the first one (default 4). */
  attempts?: number;
  /** First backoff ceiling in ms (default 250). */
  baseDelayMs?: number;
  /** Upper bound of any single delay in ms (default 8000). */
  maxDelayMs?: number;
  /** Retry Put services and REST writes on transport errors and Server faults (default true). */
  retryWrites?: boolean;
}

export interface ResolvedRetry {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  retryWrites: boolean;
}

export function resolveRetry(options: RetryOptions | undefined): ResolvedRetry {
  const attempts = Math.max(1, Math.floor(options?.attempts ?? 4));
  return {
    attempts,
    baseDelayMs: Math.max(0, options?.baseDelayMs ?? 250),
    maxDelayMs: Math.max(0, options?.maxDelayMs ?? 8000),
    retryWrites: options?.retryWrites ?? true,
  };
}

/** Delay before retry number `retry` (1-based): random in [0, min(max, base * 2^(retry-1))). */
export function backoffDelay(retry: number, policy: ResolvedRetry, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** Sleeps with the global timer (fake-timer friendly); rejects when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
