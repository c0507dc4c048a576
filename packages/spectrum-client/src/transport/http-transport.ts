import {
  SpectrumAuthError,
  SpectrumCallLimitError,
  SpectrumError,
  SpectrumTransportError,
} from '../errors.js';
import type { Redactor, SpectrumLogger } from '../logger.js';
import { backoffDelay, type ResolvedRetry, sleep } from './retry-policy.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Admission to Spectrum, asked before every HTTP exchange (SOAP, REST, Info-Link, token): resolves with a release
 * function once the call may be sent, which the transport calls when the answer has been read (or the exchange
 * failed). Waiting here is not part of the call's timeout: nothing has been sent yet. A rejection means the call was
 * never sent; the transport reports it as a `SpectrumCallLimitError`.
 */
export interface CallGate {
  acquire(call: { operation: string; signal?: AbortSignal | undefined }): Promise<() => void>;
}

export interface TransportDeps {
  fetch: FetchLike;
  /** Optional admission control (e.g. a call limit shared by several processes). */
  gate?: CallGate | undefined;
  timeoutMs: number;
  retry: ResolvedRetry;
  random: () => number;
  logger: SpectrumLogger;
  redactor: Redactor;
}

export interface SendOptions {
  /** Operation name for logs and errors (service or REST path, never a URL with credentials). */
  operation: string;
  signal?: AbortSignal | undefined;
}

/**
 * One HTTP exchange with a per-attempt timeout. Network failures and timeouts become
 * SpectrumTransportError; the body is read inside the same timeout.
 */
export async function sendOnce(
  deps: TransportDeps,
  url: string,
  init: RequestInit,
  options: SendOptions,
): Promise<HttpReply> {
  const release = deps.gate ? await admit(deps, deps.gate, options) : undefined;
  try {
    return await exchange(deps, url, init, options);
  } finally {
    release?.();
  }
}

async function admit(deps: TransportDeps, gate: CallGate, options: SendOptions): Promise<() => void> {
  try {
    return await gate.acquire({ operation: options.operation, signal: options.signal });
  } catch (error) {
    if (error instanceof SpectrumError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpectrumCallLimitError(
      `${options.operation}: not sent, no Spectrum call slot was free (${deps.redactor.redact(reason)})`,
      { service: options.operation },
    );
  }
}

async function exchange(
  deps: TransportDeps,
  url: string,
  init: RequestInit,
  options: SendOptions,
): Promise<HttpReply> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, deps.timeoutMs);
  const outer = options.signal;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const response = await deps.fetch(url, { ...init, signal: controller.signal });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (timedOut) {
      throw new SpectrumTransportError(
        `${options.operation}: no answer from Spectrum within ${deps.timeoutMs} ms`,
        {
          service: options.operation,
          timedOut: true,
        },
      );
    }
    if (outer?.aborted) {
      throw new SpectrumTransportError(`${options.operation}: the call was cancelled`, {
        service: options.operation,
        retryable: false,
      });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpectrumTransportError(
      `${options.operation}: could not reach Spectrum (${deps.redactor.redact(reason)})`,
      { service: options.operation },
    );
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

/** Maps a non-2xx HTTP status without a usable body to a typed error. */
export function statusError(operation: string, status: number, detail: string): SpectrumError {
  if (status === 401 || status === 403) {
    return new SpectrumAuthError(
      `${operation}: Spectrum refused the credentials (HTTP ${status})${detail ? `: ${detail}` : ''}`,
      { service: operation, status },
    );
  }
  const retryable = status >= 500 || status === 429 || status === 408;
  return new SpectrumTransportError(
    `${operation}: Spectrum answered HTTP ${status}${detail ? `: ${detail}` : ''}`,
    {
      service: operation,
      status,
      retryable,
    },
  );
}

/**
 * Runs `attempt` with bounded retries: only errors whose `retryable` flag is set are retried (and for
 * writes only when `retryWrites` is on), with exponential backoff and full jitter between attempts.
 */
export async function withRetries<T>(
  deps: TransportDeps,
  options: SendOptions & { write: boolean },
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  const maxAttempts = options.write && !deps.retry.retryWrites ? 1 : deps.retry.attempts;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const retryable = error instanceof SpectrumError && error.retryable && error.kind !== 'session-expired';
      if (!retryable || n >= maxAttempts) throw error;
      const delay = backoffDelay(n, deps.retry, deps.random);
      deps.logger.warn(
        { operation: options.operation, attempt: n, nextDelayMs: delay, errorKind: error.kind },
        'spectrum call failed, retrying',
      );
      await sleep(delay, options.signal);
    }
  }
}

/** The reason in a `{"error": "..."}` body of a refused REST/Info-Link/SOAP call ('' when there is none). */
export function errorText(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error.slice(0, 300) : '';
  } catch {
    return '';
  }
}
