import { expect } from 'vitest';

export interface Sse {
  event: string;
  data: Record<string, unknown>;
}

/** Reads server-sent events until `until` says stop, then closes the connection. */
export async function readEvents(url: string, headers: Record<string, string>, until: (e: Sse) => boolean) {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: Sse[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const done = (async () => {
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      buffer += value;
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        cut = buffer.indexOf('\n\n');
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || !data) continue;
        const e = { event, data: JSON.parse(data) };
        events.push(e);
        if (until(e)) return;
      }
    }
  })();
  return {
    events,
    finished: done.finally(() => abort.abort()),
  };
}
