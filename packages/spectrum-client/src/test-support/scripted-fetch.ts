import { vi } from 'vitest';
import type { FetchLike } from '../transport/http-transport.js';

export type Step = Response | Error | 'hang' | (() => Response);

/** A fetch that answers with the given steps in order (the last one repeats); `hang` waits for abort. */
export function scriptedFetch(steps: Step[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = vi.fn<FetchLike>(async (url, init) => {
    calls.push({ url, init });
    const step = steps[Math.min(calls.length - 1, steps.length - 1)]!;
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    }
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step() : step.clone();
  });
  return { fetch: fn, calls };
}

export function xml(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/xml; charset=utf-8' } });
}
