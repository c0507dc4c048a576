/**
 * A client of the simulator's control API (`/__sim/…`: faults, state, traffic, the request log) for tests and
 * benchmarks: `control(method, path, body?)` answers the parsed JSON body (null when empty) and throws with the status
 * and the body's start when the simulator refuses.
 */
export function controlClient(simulatorUrl: string) {
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${simulatorUrl}/__sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };
}
