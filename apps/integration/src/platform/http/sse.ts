import type { Request, Response } from 'express';
import { finalize, interval, map, merge, type Observable, Subject, takeUntil } from 'rxjs';

/** One server-sent event: a named event with JSON data, or a keep-alive comment. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** A comment line keeps idle connections (and proxies) open. */
export const SSE_PING_MS = 15_000;

/** Server-sent events wire format (one event). */
export function toSse(e: SseEvent): string {
  if (e.event === 'ping') return ': ping\n\n';
  return `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/**
 * Answers `res` with `events` as a server-sent event stream, with a keep-alive comment every 15 s. The response ends
 * when the events complete or fail, and the subscription ends when the client goes away.
 */
export function streamSse(req: Request, res: Response, events: Observable<SseEvent>): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  const stop = new Subject<void>();
  const pings = interval(SSE_PING_MS).pipe(
    map((): SseEvent => ({ event: 'ping', data: null })),
    takeUntil(stop),
  );
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    res.end();
  };
  // the pings stop with the events, so the response ends when the events complete
  const sub = merge(events.pipe(finalize(() => stop.next())), pings).subscribe({
    next: (e) => res.write(toSse(e)),
    error: end,
    complete: end,
  });
  req.on('close', () => {
    sub.unsubscribe();
    end();
  });
}
